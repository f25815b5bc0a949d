using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Participation.Web.Infrastructure;

/// <summary>
/// CSV files for staff who open them in a French spreadsheet: semicolons, and any text that a
/// spreadsheet would run as a formula escaped with a quote, since much of it was typed by visitors.
/// </summary>
public static class SpreadsheetCsv
{
    /// <summary>
    /// What a cell may start with to be read as a formula: = + - @, tab and carriage return, and
    /// their full-width and small look-alikes (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫), which a spreadsheet may take
    /// for them.
    /// </summary>
    public static readonly char[] FormulaStarters =
    [
        '=', '+', '-', '@', '\t', '\r',
        '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20',
        '\uFE66', '\uFE62', '\uFE63', '\uFE6B',
    ];

    public static CsvWriter Writer(TextWriter output) => new(output, new CsvConfiguration(CultureInfo.GetCultureInfo("fr-FR"))
    {
        Delimiter = ";",
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = FormulaStarters,
    }, leaveOpen: true);
}
