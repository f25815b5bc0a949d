using Microsoft.Extensions.Time.Testing;
using Participation.Web.Infrastructure;

namespace Participation.Tests.Infrastructure;

public sealed class GrowingDelaysTests
{
    private static readonly DelaySchedule Schedule = new(Free: 3, First: TimeSpan.FromSeconds(10), Longest: TimeSpan.FromMinutes(1));

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 10)]
    [InlineData(5, 20)]
    [InlineData(6, 40)]
    [InlineData(7, 60)]
    [InlineData(500, 60)]
    public void A_schedule_is_free_then_doubles_up_to_its_longest(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Schedule.After(failures));

    [Fact]
    public void A_key_waits_from_its_last_failure_and_then_may_try_again()
    {
        var clock = Clock();
        var delays = new GrowingDelays(Schedule, TimeSpan.FromHours(1), clock);
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(delays.TryTake("baobab"));
        }
        Assert.Equal(TimeSpan.FromSeconds(10), delays.TryTake("baobab"));
        clock.Advance(TimeSpan.FromSeconds(4));
        // A refused try is not counted: the wait goes on from the last failure, no longer.
        Assert.Equal(TimeSpan.FromSeconds(6), delays.TryTake("baobab"));
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Null(delays.TryTake("baobab"));
        Assert.Equal(TimeSpan.FromSeconds(20), delays.TryTake("baobab"));
        Assert.Null(delays.TryTake("colibri"));
    }

    [Fact]
    public void Tries_sent_all_at_once_get_no_more_than_tries_sent_one_by_one()
    {
        var delays = new GrowingDelays(Schedule, TimeSpan.FromHours(1), Clock());
        var allowed = 0;
        Parallel.For(0, 200, _ =>
        {
            if (delays.TryTake("baobab") is null)
            {
                Interlocked.Increment(ref allowed);
            }
        });
        Assert.Equal(4, allowed);
    }

    [Fact]
    public void A_right_try_is_given_back_and_a_success_or_a_quiet_hour_starts_afresh()
    {
        var clock = Clock();
        var delays = new GrowingDelays(Schedule, TimeSpan.FromHours(1), clock);
        for (var i = 0; i < 3; i++)
        {
            delays.TryTake("baobab");
            delays.TryTake("colibri");
        }
        // The owner's right password, given back, costs nothing.
        Assert.Null(delays.TryTake("baobab"));
        delays.Undo("baobab");
        Assert.Null(delays.TryTake("baobab"));
        Assert.NotNull(delays.TryTake("baobab"));

        delays.Forget("baobab");
        Assert.Null(delays.TryTake("baobab"));
        Assert.Null(delays.TryTake("baobab"));

        Assert.Null(delays.TryTake("colibri"));
        Assert.NotNull(delays.TryTake("colibri"));
        clock.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(delays.TryTake("colibri"));
        }
    }

    [Fact]
    public void A_key_is_never_forgotten_before_its_longest_wait_is_over()
    {
        var clock = Clock();
        var delays = new GrowingDelays(Schedule, forgetAfter: TimeSpan.FromSeconds(5), clock);
        // Each try once the wait before it is over: seven failures, and a minute to wait after the last.
        foreach (var seconds in new[] { 0, 0, 0, 0, 10, 20, 40 })
        {
            clock.Advance(TimeSpan.FromSeconds(seconds));
            Assert.Null(delays.TryTake("baobab"));
        }
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), delays.TryTake("baobab"));
    }
}
