namespace Participation.Web.Safeguarding;

/// <summary>
/// One week of a moderated channel: how many messages, how long those read before publication
/// waited (all of them, and those sent in the daytime, when the target applies), and the reports.
/// </summary>
public sealed record ModerationWeek(
    IsoWeek Week, int Posts, int Waited, Spread? Wait, int DaytimeWaited, Spread? DaytimeWait, int StillWaiting, int Reports, Spread? ReportWait, int ReportsOpen);

/// <summary>
/// A channel whose messages moderators read: its weekly figures appear on the safeguarding dashboard,
/// set against the daytime target. Channels provide them, so safeguarding depends on none of them.
/// </summary>
public interface IModerationFigures
{
    /// <summary>The channel's name on the dashboard.</summary>
    string Title { get; }

    /// <summary>The wait the team aims at in the daytime.</summary>
    TimeSpan DaytimeTarget { get; }

    Task<IReadOnlyList<ModerationWeek>> WeeksAsync(TimeZoneInfo zone);
}

public static class Daytime
{
    /// <summary>From 8 am to 8 pm, every day: when the team reads the queue as it fills.</summary>
    public static bool Contains(DateTimeOffset moment, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(moment, zone).Hour is >= 8 and < 20;
}
