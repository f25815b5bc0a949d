namespace Participation.Web.Consultations;

/// <summary>Staff pick days; a questionnaire opens at the start of its first day and closes at the end of its last, local time.</summary>
public static class ConsultationDates
{
    public static DateTimeOffset? Opening(DateOnly? day) => day is { } d ? StartOf(d) : null;

    public static DateTimeOffset? Closing(DateOnly? lastDay) => lastDay is { } d ? StartOf(d.AddDays(1)) : null;

    public static DateOnly FirstDay(DateTimeOffset opensAt) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(opensAt, TimeZoneInfo.Local).DateTime);

    public static DateOnly LastDay(DateTimeOffset closesAt) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(closesAt, TimeZoneInfo.Local).DateTime).AddDays(-1);

    private static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, TimeZoneInfo.Local.GetUtcOffset(local)).ToUniversalTime();
    }
}
