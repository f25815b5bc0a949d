using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Participation.Benchmarks;

/// <summary>
/// A PostgreSQL cluster and a Redis server of the benchmark's own, in a temporary folder on free
/// loopback ports, started as tests/run.sh starts them (initdb as Debian's postgres user when run
/// as root) and stopped, folder and all, on <see cref="Dispose"/>. Unlike the tests' cluster, it
/// keeps production's durability: every acknowledged vote is flushed to disk.
/// </summary>
public sealed class LocalServers : IDisposable
{
    private readonly Participation.Testing.TemporaryFolder _folder = new("participation-bench-servers");
    private readonly string _postgresBin;
    private bool _postgresStarted;
    private int? _redisPid;

    private LocalServers(string postgresBin)
    {
        _postgresBin = postgresBin;
    }

    /// <summary>The database the instances share, as an Npgsql connection string.</summary>
    public string Postgres { get; private set; } = "";

    /// <summary>The Redis server, as StackExchange.Redis names it (« 127.0.0.1:6390 »).</summary>
    public string Redis { get; private set; } = "";

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<LocalServers> StartAsync()
    {
        var postgresBin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).Where(bin => File.Exists(Path.Combine(bin, "initdb"))).Order().LastOrDefault()
            : null;
        if (postgresBin is null || !File.Exists("/usr/bin/redis-server"))
        {
            throw new InvalidOperationException("Several instances need PostgreSQL and Redis: install them with « apt-get install -y postgresql redis-server » (tests/run.sh does so).");
        }
        var servers = new LocalServers(postgresBin);
        try
        {
            await servers.StartPostgresAsync();
            await servers.StartRedisAsync();
            return servers;
        }
        catch
        {
            servers.Dispose();
            throw;
        }
    }

    private async Task StartPostgresAsync()
    {
        var data = _folder.File("pg");
        var sockets = _folder.File("pg-run");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(sockets);
        if (IsRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", "postgres:", data, sockets);
        }
        await RunAsPostgresAsync(Path.Combine(_postgresBin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        var port = FreePort();
        // Two instances hold up to a hundred connections each.
        await RunAsPostgresAsync(Path.Combine(_postgresBin, "pg_ctl"), "-D", data, "-w", "-l", Path.Combine(sockets, "server.log"),
            "-o", $"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c max_connections=300", "start");
        _postgresStarted = true;

        var server = $"Host=127.0.0.1;Port={port};Username=postgres";
        await using (var connection = new NpgsqlConnection($"{server};Database=postgres;Pooling=false"))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE participation", connection);
            await create.ExecuteNonQueryAsync();
        }
        Postgres = $"{server};Database=participation";
    }

    private async Task StartRedisAsync()
    {
        var port = FreePort();
        var folder = _folder.File("redis");
        Directory.CreateDirectory(folder);
        await RunAsync("/usr/bin/redis-server", "--bind", "127.0.0.1", "--port", $"{port}", "--dir", folder, "--save", "", "--appendonly", "no",
            "--daemonize", "yes", "--pidfile", _folder.File("redis.pid"), "--logfile", _folder.File("redis.log"));
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                _redisPid = int.Parse((await File.ReadAllTextAsync(_folder.File("redis.pid"))).Trim());
                Redis = $"127.0.0.1:{port}";
                return;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("Redis did not listen within ten seconds.");
    }

    private Task RunAsPostgresAsync(string command, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", command, .. arguments]) : RunAsync(command, arguments);

    private static async Task RunAsync(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (_postgresStarted)
        {
            try
            {
                RunAsPostgresAsync(Path.Combine(_postgresBin, "pg_ctl"), "-D", _folder.File("pg"), "-m", "immediate", "stop").GetAwaiter().GetResult();
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine(e.Message);
            }
        }
        if (_redisPid is { } pid)
        {
            try
            {
                using var redis = Process.GetProcessById(pid);
                redis.Kill();
                redis.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
        _folder.Dispose();
    }
}
