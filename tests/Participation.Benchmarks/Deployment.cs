using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.Data.Sqlite;
using Npgsql;
using Participation.Testing;
using Participation.Web.Infrastructure;

namespace Participation.Benchmarks;

/// <summary>
/// The site as the council benchmarks reach it: one process on a fresh SQLite file, reached
/// directly; or several processes on one PostgreSQL database and one Redis of their own, behind
/// nginx run from the production example (tests/Deployment/participation.conf), over https.
/// </summary>
public sealed class Deployment : IDisposable
{
    private readonly LocalServers? _servers;
    private readonly Nginx? _nginx;

    private Deployment(IReadOnlyList<SiteProcess> instances, LocalServers? servers, Nginx? nginx)
    {
        Instances = instances;
        _servers = servers;
        _nginx = nginx;
    }

    public IReadOnlyList<SiteProcess> Instances { get; }

    /// <summary>Where phones go: the only instance, or nginx in front of them all.</summary>
    public string BaseUrl => _nginx is { } nginx ? nginx.Address.ToString().TrimEnd('/') : Instances[0].BaseUrl;

    /// <param name="phones">How many phones will hold a WebSocket, for nginx's connection ceiling.</param>
    public static async Task<Deployment> StartAsync(int instances, IReadOnlyDictionary<string, string> settings, int phones)
    {
        if (instances == 1)
        {
            return new Deployment([await SiteProcess.StartAsync(settings)], null, null);
        }
        var servers = await LocalServers.StartAsync();
        var started = new List<SiteProcess>();
        try
        {
            var shared = new Dictionary<string, string>(settings)
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Participation"] = servers.Postgres,
                ["SignalR__Redis"] = servers.Redis,
                ["SignalR__ChannelPrefix"] = "participation-benchmark",
                // nginx on this machine: every phone is its own address, not nginx's.
                ["Site__KnownProxies__0"] = "127.0.0.1",
            };
            // One after the other: the first migrates and seeds the demo, the others find them.
            for (var i = 0; i < instances; i++)
            {
                started.Add(await SiteProcess.StartAsync(shared));
            }
            var nginx = await Nginx.StartAsync(SiteLayout.FindRoot(AppContext.BaseDirectory), [.. started.Select(site => new Uri(site.BaseUrl))],
                workers: Environment.ProcessorCount, connections: 2 * phones + 1024);
            return new Deployment(started, servers, nginx);
        }
        catch
        {
            started.ForEach(site => site.Dispose());
            servers.Dispose();
            throw;
        }
    }

    public HttpClient CreateClient(int connections)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = connections };
        if (_nginx is { } nginx)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = nginx.Trusts;
        }
        return new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
    }

    /// <summary>A WebSocket through nginx trusts its certificate, made for this run.</summary>
    public void Configure(HttpConnectionOptions options)
    {
        if (_nginx is { } nginx)
        {
            options.WebSocketConfiguration = socket => socket.RemoteCertificateValidationCallback = nginx.Trusts;
        }
    }

    /// <summary>The same for a bare WebSocket.</summary>
    public void Configure(System.Net.WebSockets.ClientWebSocketOptions options)
    {
        if (_nginx is { } nginx)
        {
            options.RemoteCertificateValidationCallback = nginx.Trusts;
        }
    }

    /// <summary>A hub's WebSocket address: wss:// through nginx, ws:// to the only instance.</summary>
    public Uri WebSocketAddress(string path) => new(BaseUrl.Replace("https://", "wss://", StringComparison.Ordinal).Replace("http://", "ws://", StringComparison.Ordinal) + path);

    /// <summary>A number read from the database (identifiers quoted, so that the SQL reads on both).</summary>
    public async Task<long> ScalarAsync(string sql) => (await ColumnAsync<long>(sql)).Single();

    public async Task<List<T>> ColumnAsync<T>(string sql)
    {
        await using DbConnection connection = _servers is { } servers
            ? new NpgsqlConnection(servers.Postgres)
            : new SqliteConnection($"Data Source={Instances[0].DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add((T)Convert.ChangeType(reader.GetValue(0), typeof(T), CultureInfo.InvariantCulture));
        }
        return values;
    }

    /// <summary>The connections an instance holds (from nginx, or from the phones directly), read from the kernel's table.</summary>
    public static int ConnectionsTo(SiteProcess site)
    {
        var port = new Uri(site.BaseUrl).Port.ToString("X4", CultureInfo.InvariantCulture);
        // « sl local_address rem_address st … »: the local address ends with the port in hex; 01 is ESTABLISHED.
        return File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields[1].EndsWith($":{port}", StringComparison.Ordinal) && fields[3] == "01");
    }

    public void Dispose()
    {
        _nginx?.Dispose();
        foreach (var site in Instances)
        {
            site.Dispose();
        }
        _servers?.Dispose();
    }
}
