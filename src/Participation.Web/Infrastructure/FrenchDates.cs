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

    /// <summary>The département's clock, for times people type into a form; UTC where the system has no time-zone data.</summary>
    public static TimeZoneInfo Paris { get; } =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Paris", out var paris) ? paris : TimeZoneInfo.Utc;

    /// <summary>The moment on the département's clock, for a time of day a person reads.</summary>
    public static DateTimeOffset ToParis(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Paris);

    /// <summary>« 1er novembre 2026 », « 2 novembre 2026 ».</summary>
    public static string Day(DateOnly date) => $"{DayOfMonth(date.Day)} {date.ToString("MMMM yyyy", Culture)}";

    public static string Day(DateTimeOffset moment) => Day(DateOnly.FromDateTime(moment.DateTime));

    /// <summary>« mars 2026 ».</summary>
    public static string MonthYear(DateOnly date) => date.ToString("MMMM yyyy", Culture);

    /// <summary>« 1er nov. 2026 », for tables where the month is abbreviated.</summary>
    public static string ShortDay(DateOnly date) => $"{DayOfMonth(date.Day)} {date.ToString("MMM yyyy", Culture)}";

    public static string ShortDay(DateTimeOffset moment) => ShortDay(DateOnly.FromDateTime(moment.DateTime));

    /// <summary>« dimanche 1er novembre 2026 à 14h05 ».</summary>
    public static string DayAndTime(DateTimeOffset moment) =>
        $"{moment.ToString("dddd", Culture)} {Day(moment)} à {moment.ToString("HH'h'mm", Culture)}";

    /// <summary>The moment as a <c>datetime</c> attribute reads it: to the second, with its offset.</summary>
    public static string Machine(DateTimeOffset moment) =>
        moment.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// A wait in words read at a glance, to the minute below, in whole units: « moins d'1 min »,
    /// « 3 min », « 1 h 05 », « 2 j 4 h ». No-break spaces keep a figure with its unit.
    /// </summary>
    public static string Duration(TimeSpan wait)
    {
        var (days, hours, minutes) = Parts(wait);
        return (days, hours, minutes) switch
        {
            (0, 0, 0) => "moins d'1\u00A0min",
            (0, 0, _) => $"{minutes}\u00A0min",
            (0, _, 0) => $"{hours}\u00A0h",
            (0, _, _) => $"{hours}\u00A0h\u00A0{minutes:00}",
            (_, 0, _) => $"{days}\u00A0j",
            _ => $"{days}\u00A0j\u00A0{hours}\u00A0h",
        };
    }

    /// <summary>The same wait, to the minute, as a <c>datetime</c> attribute reads a duration: « PT1H5M », « P2DT4H17M ».</summary>
    public static string MachineDuration(TimeSpan wait)
    {
        var (days, hours, minutes) = Parts(wait);
        var text = new System.Text.StringBuilder("P");
        if (days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{days}D");
        }
        if (hours > 0 || minutes > 0 || days == 0)
        {
            text.Append('T');
            if (hours > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{hours}H");
            }
            if (minutes > 0 || hours == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{minutes}M");
            }
        }
        return text.ToString();
    }

    /// <summary>Whole minutes, as a file of figures gives a wait; the words and the attribute count the same minutes.</summary>
    public static long WholeMinutes(TimeSpan wait) => wait <= TimeSpan.Zero ? 0 : (long)wait.TotalMinutes;

    private static (long Days, long Hours, long Minutes) Parts(TimeSpan wait)
    {
        var minutes = WholeMinutes(wait);
        return (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    }

    private static string DayOfMonth(int day) => day == 1 ? "1er" : day.ToString(CultureInfo.InvariantCulture);
}
