namespace Participation.Tests.Infrastructure;

/// <summary>
/// The Redis server of the test run: tests/run.sh starts one and names it in
/// <c>PARTICIPATION_TEST_REDIS</c>. A test that needs it fails without it, never skips, so that a
/// run that did not test the shared limits cannot pass for one that did.
/// </summary>
public static class TestRedis
{
    public const string Variable = "PARTICIPATION_TEST_REDIS";

    public static string Address =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException($"This test needs Redis: run it through tests/run.sh, or set {Variable} (e.g. 127.0.0.1:6379).");

    /// <summary>The settings of a site on the test Redis, under a prefix of its own so that tests do not meet.</summary>
    public static Dictionary<string, string?> Settings(string prefix) => new()
    {
        ["SignalR:Redis"] = Address,
        ["SignalR:ChannelPrefix"] = $"test-{prefix}-{Guid.NewGuid():N}",
    };
}
