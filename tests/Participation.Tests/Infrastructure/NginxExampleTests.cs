using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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

        public string Name { get; } = name;

        public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        public ValueTask DisposeAsync() => app.DisposeAsync();

        public static async Task<Upstream> StartAsync(string name, bool healthy)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var upstream = new Upstream(app, name);
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
}
