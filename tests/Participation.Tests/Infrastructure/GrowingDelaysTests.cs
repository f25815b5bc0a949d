using Microsoft.Extensions.Time.Testing;
using Participation.Web.Infrastructure;

namespace Participation.Tests.Infrastructure;

public sealed class GrowingDelaysTests
{
    private static readonly DelaySchedule Schedule = new(Free: 3, First: TimeSpan.FromSeconds(10), Longest: TimeSpan.FromMinutes(1));

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
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));
        var delays = new GrowingDelays(Schedule, TimeSpan.FromHours(1), clock);
        for (var i = 0; i < 3; i++)
        {
            delays.Fail("baobab");
            Assert.Null(delays.WaitFor("baobab"));
        }
        delays.Fail("baobab");
        Assert.Equal(TimeSpan.FromSeconds(10), delays.WaitFor("baobab"));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.FromSeconds(6), delays.WaitFor("baobab"));
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Null(delays.WaitFor("baobab"));

        delays.Fail("baobab");
        Assert.Equal(TimeSpan.FromSeconds(20), delays.WaitFor("baobab"));
        Assert.Null(delays.WaitFor("colibri"));
    }

    [Fact]
    public void A_success_or_a_quiet_hour_starts_the_key_afresh()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));
        var delays = new GrowingDelays(Schedule, TimeSpan.FromHours(1), clock);
        for (var i = 0; i < 4; i++)
        {
            delays.Fail("baobab");
            delays.Fail("colibri");
        }
        delays.Forget("baobab");
        Assert.Null(delays.WaitFor("baobab"));
        delays.Fail("baobab");
        Assert.Null(delays.WaitFor("baobab"));

        clock.Advance(TimeSpan.FromHours(1));
        delays.Fail("colibri");
        Assert.Null(delays.WaitFor("colibri"));
    }

    [Fact]
    public void A_key_is_never_forgotten_before_its_longest_wait_is_over()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));
        var delays = new GrowingDelays(Schedule, forgetAfter: TimeSpan.FromSeconds(5), clock);
        for (var i = 0; i < 10; i++)
        {
            delays.Fail("baobab");
        }
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), delays.WaitFor("baobab"));
    }
}
