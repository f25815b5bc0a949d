using System.Globalization;

namespace Participation.Web.Infrastructure;

/// <summary>
/// Dates as the site writes them in French. The first of the month is « 1er », which no .NET format
/// pattern gives, so every page goes through here rather than its own ToString pattern.
/// Values are shown as given: a caller that wants local time converts first.
/// </summary>
public static class FrenchDates
{
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>« 1er novembre 2026 », « 2 novembre 2026 ».</summary>
    public static string Day(DateOnly date) => $"{DayOfMonth(date.Day)} {date.ToString("MMMM yyyy", Culture)}";

    public static string Day(DateTimeOffset moment) => Day(DateOnly.FromDateTime(moment.DateTime));

    /// <summary>« 1er nov. 2026 », for tables where the month is abbreviated.</summary>
    public static string ShortDay(DateOnly date) => $"{DayOfMonth(date.Day)} {date.ToString("MMM yyyy", Culture)}";

    public static string ShortDay(DateTimeOffset moment) => ShortDay(DateOnly.FromDateTime(moment.DateTime));

    /// <summary>« dimanche 1er novembre 2026 à 14h05 ».</summary>
    public static string DayAndTime(DateTimeOffset moment) =>
        $"{moment.ToString("dddd", Culture)} {Day(moment)} à {moment.ToString("HH'h'mm", Culture)}";

    /// <summary>The moment as a <c>datetime</c> attribute reads it: to the second, with its offset.</summary>
    public static string Machine(DateTimeOffset moment) =>
        moment.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture);

    private static string DayOfMonth(int day) => day == 1 ? "1er" : day.ToString(CultureInfo.InvariantCulture);
}
