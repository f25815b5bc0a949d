namespace Participation.Tests.Infrastructure;

/// <summary>The servers some tests need beside the site, started by tests/run.sh on loopback ports.</summary>
public static class TestServices
{
    public const string RedisVariable = "PARTICIPATION_TEST_REDIS";

    /// <summary>The Redis server's address (« 127.0.0.1:6390 »); a test that needs it fails, saying how to start it, when it is not there.</summary>
    public static string Redis =>
        Environment.GetEnvironmentVariable(RedisVariable) is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException(
                $"This test needs a Redis server: run the tests with tests/run.sh, which starts one, or start redis-server and set {RedisVariable}=127.0.0.1:<port>.");

    /// <summary>Settings that put a site on the test Redis server, under a prefix of its own so that tests running together do not hear each other.</summary>
    public static Dictionary<string, string?> OnRedis(string prefix) => new()
    {
        ["SignalR:Redis"] = Redis,
        ["SignalR:ChannelPrefix"] = prefix,
    };
}
