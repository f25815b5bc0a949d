using System.Net;
using System.Net.Http.Headers;

namespace Participation.Tests.Infrastructure;

public sealed class KestrelSite : IDisposable
{
    public ParticipationApp App { get; } = ParticipationApp.OnKestrel();

    public void Dispose() => App.Dispose();
}

/// <summary>What Kestrel itself refuses, and how the site answers it, over a real connection.</summary>
public sealed class RealServerTests(KestrelSite site) : IClassFixture<KestrelSite>
{
    /// <summary>A body announced by its length and sent only once the server asks for it, as « Expect: 100-continue » allows.</summary>
    private sealed class AnnouncedBody(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            for (var left = length; left > 0; left -= chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
            }
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }

    private async Task<HttpResponseMessage> PostAnnouncedAsync(string login, string url, long length)
    {
        var client = site.App.CreateNetworkClient(expectContinueWait: TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(login)).StatusCode);
        var body = new AnnouncedBody(length);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=limite");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body };
        request.Headers.ExpectContinue = true;
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_body_over_the_size_a_page_accepts_gets_the_French_page_for_too_large()
    {
        var response = await PostAnnouncedAsync("Baobab", "/propositions/nouvelle", 40L * 1024 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("Envoi trop lourd", page.QuerySelector("main h1")!.TextContent);
        Assert.Contains("rien n'a été enregistré", page.Text());
    }

    [Fact]
    public async Task A_photo_over_the_64_MB_the_step_page_accepts_gets_the_French_page_for_too_large()
    {
        var response = await PostAnnouncedAsync($"pilotage@{Participation.Web.Demo.DemoSeeder.Domain}", "/pilotage/propositions/1?handler=Status", 70L * 1024 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Envoi trop lourd", (await response.ParseAsync()).QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task A_null_character_in_the_path_is_refused_by_the_server_before_the_site_runs()
    {
        var response = await site.App.CreateNetworkClient().GetAsync("/propositions/%00");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
