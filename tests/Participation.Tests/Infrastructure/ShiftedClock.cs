namespace Participation.Tests.Infrastructure;

/// <summary>The real clock, moved forward when a test says time has passed; its timers run in real time.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _shiftTicks;

    public void Shift(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
}
