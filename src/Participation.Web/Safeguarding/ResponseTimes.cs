using System.Globalization;

namespace Participation.Web.Safeguarding;

/// <summary>The moments of a case its response times are counted from, and nothing else of it.</summary>
public sealed record CaseTimes(DateTimeOffset FlaggedAt, DateTimeOffset? FirstSeenAt, DateTimeOffset? FirstActionAt, bool Open);

/// <summary>A Monday-to-Sunday week as ISO 8601 numbers it: week 1 is the one with the year's first Thursday.</summary>
public sealed record IsoWeek(int Year, int Week)
{
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>« 2026-W45 », as a spreadsheet and a <c>datetime</c> attribute read it.</summary>
    public string Code => string.Create(CultureInfo.InvariantCulture, $"{Year}-W{Week:00}");

    /// <summary>The week a moment falls in, on the calendar of the given zone.</summary>
    public static IsoWeek Of(DateTimeOffset moment, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(moment, zone).DateTime;
        return new(ISOWeek.GetYear(local), ISOWeek.GetWeekOfYear(local));
    }
}

/// <summary>The median, the 90th percentile and the longest of some waits.</summary>
public sealed record Spread(TimeSpan Median, TimeSpan Ninetieth, TimeSpan Longest);

/// <summary>A week's cases: how many, how long before each was first opened and first acted on, and what is still waiting.</summary>
public sealed record WeekFigures(IsoWeek Week, int Cases, Spread? FirstLook, int NotSeen, Spread? FirstAction, int StillOpen);

/// <summary>
/// How fast the team answers urgent cases, week by week. A case counts in the week its text was held,
/// and its waits are counted from that moment. Percentiles are by nearest rank: always one of the
/// waits really measured, never a value between two.
/// </summary>
public static class ResponseTimes
{
    /// <summary>How many weeks with cases the dashboard shows.</summary>
    public const int WeeksShown = 26;

    /// <summary>The wait that <paramref name="percent"/> % of the waits are at most; none without waits.</summary>
    public static TimeSpan? Percentile(IEnumerable<TimeSpan> waits, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = waits.Order().ToList();
        return sorted.Count == 0 ? null : sorted[Rank(sorted.Count, percent) - 1];
    }

    public static Spread? SpreadOf(IEnumerable<TimeSpan> waits)
    {
        var sorted = waits.Order().ToList();
        return sorted.Count == 0 ? null : new(sorted[Rank(sorted.Count, 50) - 1], sorted[Rank(sorted.Count, 90) - 1], sorted[^1]);
    }

    /// <summary>The newest <paramref name="weeks"/> weeks that have cases, newest first; a week without cases has no line.</summary>
    public static IReadOnlyList<WeekFigures> ByWeek(IEnumerable<CaseTimes> cases, TimeZoneInfo zone, int weeks = WeeksShown) =>
        cases.GroupBy(c => IsoWeek.Of(c.FlaggedAt, zone))
            .OrderByDescending(g => g.Key.Year).ThenByDescending(g => g.Key.Week)
            .Take(weeks)
            .Select(week => new WeekFigures(
                week.Key,
                week.Count(),
                SpreadOf(week.Select(c => Wait(c.FlaggedAt, c.FirstSeenAt)).OfType<TimeSpan>()),
                week.Count(c => c.FirstSeenAt is null),
                SpreadOf(week.Select(c => Wait(c.FlaggedAt, c.FirstActionAt)).OfType<TimeSpan>()),
                week.Count(c => c.Open)))
            .ToList();

    // Nearest rank: the smallest rank whose share of the waits reaches the percentage, ⌈p × n / 100⌉.
    private static int Rank(int count, int percent) => (percent * count + 99) / 100;

    // A moment written by another server's clock may come a little before the case: that is no wait.
    private static TimeSpan? Wait(DateTimeOffset from, DateTimeOffset? to) =>
        to is { } end ? (end > from ? end - from : TimeSpan.Zero) : null;
}
