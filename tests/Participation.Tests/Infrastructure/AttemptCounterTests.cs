using Participation.Web.Infrastructure;

namespace Participation.Tests.Infrastructure;

public sealed class AttemptCounterTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_key_gets_its_attempts_then_waits_for_the_rest_of_its_minute()
    {
        var clock = new ManualClock();
        var counter = new AttemptCounter(3, clock);
        Assert.Null(counter.TryTake("10.0.0.1"));
        clock.Now += TimeSpan.FromSeconds(20);
        Assert.Null(counter.TryTake("10.0.0.1"));
        Assert.Null(counter.TryTake("10.0.0.1"));
        Assert.Equal(TimeSpan.FromSeconds(40), counter.TryTake("10.0.0.1"));
        Assert.Equal(TimeSpan.FromSeconds(40), counter.WaitFor("10.0.0.1"));

        // Refused attempts do not push the end of the window further.
        clock.Now += TimeSpan.FromSeconds(30);
        Assert.Equal(TimeSpan.FromSeconds(10), counter.TryTake("10.0.0.1"));
        clock.Now += TimeSpan.FromSeconds(10);
        Assert.Null(counter.WaitFor("10.0.0.1"));
        Assert.Null(counter.TryTake("10.0.0.1"));
    }

    [Fact]
    public void Keys_are_counted_apart()
    {
        var counter = new AttemptCounter(1, new ManualClock());
        Assert.Null(counter.TryTake("colibri"));
        Assert.NotNull(counter.TryTake("colibri"));
        Assert.Null(counter.TryTake("loutre"));
    }

    [Fact]
    public void Counting_failures_only_leaves_the_key_free_until_the_limit()
    {
        var counter = new AttemptCounter(2, new ManualClock());
        Assert.Null(counter.WaitFor("10.0.0.1"));
        counter.Count("10.0.0.1");
        Assert.Null(counter.WaitFor("10.0.0.1"));
        counter.Count("10.0.0.1");
        Assert.Equal(TimeSpan.FromMinutes(1), counter.WaitFor("10.0.0.1"));
    }

    [Theory]
    [InlineData(40_000, "40\u00A0secondes")]
    [InlineData(1_000, "1\u00A0seconde")]
    [InlineData(200, "1\u00A0seconde")]
    [InlineData(58_100, "59\u00A0secondes")]
    [InlineData(59_500, "1\u00A0minute")]
    [InlineData(150_000, "3\u00A0minutes")]
    public void A_wait_reads_in_French_rounded_up(int milliseconds, string expected) =>
        Assert.Equal(expected, AttemptCounter.InFrench(TimeSpan.FromMilliseconds(milliseconds)));

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb:cccc:dddd:eeee", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::1", "::1")]
    public void An_ipv6_address_counts_by_its_block_so_one_device_cannot_change_address_at_every_try(string address, string key)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
        Assert.Equal(key, AttemptCounter.Address(context));
    }
}
