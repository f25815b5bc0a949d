using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Participation.Testing;

namespace Participation.Tests.Infrastructure;

/// <summary>
/// The production example of nginx in front of two stand-in instances, one of which says it is
/// unhealthy, as both would while Redis or the database is away: what nginx does with that answer,
/// and which address it passes on for the phone.
/// </summary>
public sealed class NginxExampleTests
{
    private sealed class Upstream(WebApplication app, string name) : IAsyncDisposable
    {
        public ConcurrentQueue<string> ForwardedFor { get; } = new();

        /// <summary>The live screens' WebSockets it has taken.</summary>
        public ConcurrentQueue<string> Screens { get; } = new();

        public string Name { get; } = name;

        public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        public ValueTask DisposeAsync() => app.DisposeAsync();

        /// <summary>A stand-in on <paramref name="port"/> (0: a free one) that also holds live screens' WebSockets at /hubs/council.</summary>
        public static async Task<Upstream> StartAsync(string name, bool healthy, int port = 0)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var upstream = new Upstream(app, name);
            app.UseWebSockets();
            app.Map("/hubs/council", async (HttpContext context, IHostApplicationLifetime lifetime) =>
            {
                if (!context.WebSockets.IsWebSocketRequest)
                {
                    return Results.BadRequest();
                }
                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                upstream.Screens.Enqueue(context.Request.Path);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    socket.Abort();
                }
                return Results.Empty;
            });
            app.MapGet("/healthz", () => healthy ? Results.Text("Healthy") : Results.Text("Unhealthy", statusCode: StatusCodes.Status503ServiceUnavailable));
            app.MapGet("/", (HttpContext context) =>
            {
                upstream.ForwardedFor.Enqueue(context.Request.Headers["X-Forwarded-For"].ToString());
                return name;
            });
            await app.StartAsync();
            return upstream;
        }
    }

    [Fact]
    public async Task An_unhealthy_answer_reaches_the_monitoring_and_takes_no_instance_out_of_rotation_and_the_phone_cannot_choose_its_address()
    {
        await using var sick = await Upstream.StartAsync("malade", healthy: false);
        await using var well = await Upstream.StartAsync("en forme", healthy: true);
        using var nginx = await Nginx.StartAsync(RepoPaths.Root, [sick.Address, well.Address]);
        using var client = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = nginx.Trusts } }) { BaseAddress = nginx.Address };

        // Each instance's own answer, the 503 included: not retried on the other, which would hide it.
        var health = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            health.Add((await client.GetAsync("/healthz")).StatusCode);
        }
        Assert.Equal(3, health.Count(status => status == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(3, health.Count(status => status == HttpStatusCode.OK));

        // Both instances still take pages: the 503 did not count as a failed instance.
        var served = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            using var response = await client.SendAsync(request);
            served.Add(await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(3, served.Count(name => name == sick.Name));
        Assert.Equal(3, served.Count(name => name == well.Name));

        // The phone's own address, never one it wrote itself in front of it.
        Assert.All(sick.ForwardedFor.Concat(well.ForwardedFor), forwarded => Assert.Equal("127.0.0.1", forwarded));
    }

    [Fact]
    public async Task An_instance_back_after_a_failure_takes_every_screen_of_the_one_that_fails_next_at_once()
    {
        // The first instance is down while screens connect: they all reach the second.
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var second = await Upstream.StartAsync("deuxième", healthy: true);
        using var nginx = await Nginx.StartAsync(RepoPaths.Root, [new Uri($"http://127.0.0.1:{port}"), second.Address]);
        var sockets = new List<System.Net.WebSockets.ClientWebSocket>();
        async Task<bool> ConnectAsync()
        {
            var socket = new System.Net.WebSockets.ClientWebSocket();
            socket.Options.RemoteCertificateValidationCallback = nginx.Trusts;
            sockets.Add(socket);
            try
            {
                await socket.ConnectAsync(new Uri($"wss://{nginx.Address.Authority}/hubs/council"), CancellationToken.None);
                return true;
            }
            catch (System.Net.WebSockets.WebSocketException)
            {
                return false;
            }
        }
        try
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.True(await ConnectAsync());
            }
            Assert.Equal(4, second.Screens.Count);

            // The first comes back, then the second fails: every screen reconnecting goes to the
            // first at once, rather than one every ten seconds or none.
            await using var first = await Upstream.StartAsync("première", healthy: true, port);
            await second.DisposeAsync();
            var back = new List<bool>();
            for (var i = 0; i < 6; i++)
            {
                back.Add(await ConnectAsync());
            }
            Assert.All(back, Assert.True);
            Assert.Equal(6, first.Screens.Count);
        }
        finally
        {
            sockets.ForEach(socket => socket.Dispose());
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_screen_connecting_while_an_instance_hangs_is_taken_to_the_other_within_thirty_seconds()
    {
        // A hung instance: its machine still accepts connections, its process answers nothing.
        using var hung = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        hung.Start(64);
        await using var well = await Upstream.StartAsync("en forme", healthy: true);
        using var nginx = await Nginx.StartAsync(RepoPaths.Root, [new Uri($"http://{hung.LocalEndpoint}"), well.Address]);

        // Round robin sends one of the two to the hung instance first; both end on the other.
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var screens = Enumerable.Range(0, 2).Select(_ => new System.Net.WebSockets.ClientWebSocket()).ToList();
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            await Task.WhenAll(screens.Select(screen =>
            {
                screen.Options.RemoteCertificateValidationCallback = nginx.Trusts;
                return screen.ConnectAsync(new Uri($"wss://{nginx.Address.Authority}/hubs/council"), patience.Token);
            }));
            Assert.Equal(2, well.Screens.Count);
            Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(50));
            Assert.Contains("upstream timed out", nginx.ErrorLog);
        }
        finally
        {
            screens.ForEach(screen => screen.Dispose());
        }
    }
}
