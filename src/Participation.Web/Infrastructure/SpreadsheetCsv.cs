using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Participation.Web.Infrastructure;

/// <summary>
/// CSV files for staff who open them in a French spreadsheet: semicolons, and any text that a
/// spreadsheet would run as a formula (=, +, -, @...) escaped, since much of it was typed by visitors.
/// </summary>
public static class SpreadsheetCsv
{
    public static CsvWriter Writer(TextWriter output) => new(output, new CsvConfiguration(CultureInfo.GetCultureInfo("fr-FR"))
    {
        Delimiter = ";",
        InjectionOptions = InjectionOptions.Escape,
    }, leaveOpen: true);
}
