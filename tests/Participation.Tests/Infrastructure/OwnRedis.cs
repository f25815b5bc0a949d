using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Participation.Testing;

namespace Participation.Tests.Infrastructure;

/// <summary>
/// A Redis server of one test's own, on a free loopback port, which the test may stop dead in the
/// middle of what it checks and start again; the shared test server of tests/run.sh stays up for the others.
/// </summary>
public sealed class OwnRedis : IDisposable
{
    private readonly TemporaryFolder _folder = new("redis");
    private readonly int _port;
    private Process _process;

    private OwnRedis(int port)
    {
        _port = port;
        Address = $"127.0.0.1:{port}";
        _process = Launch();
    }

    /// <summary>As StackExchange.Redis names it: « 127.0.0.1:port ».</summary>
    public string Address { get; }

    public static async Task<OwnRedis> StartAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var redis = new OwnRedis(port);
        try
        {
            await redis.ListeningAsync();
            return redis;
        }
        catch
        {
            redis.Dispose();
            throw;
        }
    }

    /// <summary>Stops the server at once, as a crash would: no goodbye to its clients.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>After <see cref="Kill"/>: a new server on the same port, empty, as after a restart.</summary>
    public async Task StartAgainAsync()
    {
        Kill();
        _process.Dispose();
        _process = Launch();
        await ListeningAsync();
    }

    private Process Launch()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("This test needs redis-server: install it with « apt-get install -y redis-server » (tests/run.sh does so).");
        var start = new ProcessStartInfo(executable) { UseShellExecute = false };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", $"{_port}", "--dir", _folder.Path, "--save", "", "--appendonly", "no", "--logfile", _folder.File("redis.log") })
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
    }

    private async Task ListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("redis-server did not listen within ten seconds.");
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        _folder.Dispose();
    }
}
