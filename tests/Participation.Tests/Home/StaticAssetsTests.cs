using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Participation.Tests.Infrastructure;

namespace Participation.Tests.Home;

/// <summary>What a cheap phone downloads: fingerprinted files cached for good, everything compressed.</summary>
[Collection(SharedAppCollection.Name)]
public sealed partial class StaticAssetsTests(ParticipationApp app)
{
    [GeneratedRegex(@"^/css/site\.[a-z0-9]{10}\.css$")]
    private static partial Regex FingerprintedStylesheet();

    [GeneratedRegex(@"^/js/site\.[a-z0-9]{10}\.js$")]
    private static partial Regex FingerprintedScript();

    private async Task<HttpResponseMessage> GetAsync(string url, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }
        return await app.CreateBrowserlessClient().SendAsync(request);
    }

    private static async Task<byte[]> DecodedAsync(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            var other => throw new InvalidOperationException($"Unexpected encoding {other}"),
        };
        using var copy = new MemoryStream();
        await decoded.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_layout_s_stylesheet_has_a_fingerprinted_address_is_cached_for_good_and_comes_compressed(string encoding)
    {
        var home = await app.CreateBrowserlessClient().GetDocumentAsync("/");
        var stylesheet = home.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Matches(FingerprintedStylesheet(), stylesheet);
        Assert.Matches(FingerprintedScript(), home.QuerySelector("head script[src]")!.GetAttribute("src")!);

        var response = await GetAsync(stylesheet, encoding);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        Assert.True(response.Headers.CacheControl!.Extensions.Any(e => e.Name == "immutable"), response.Headers.CacheControl.ToString());
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl.MaxAge);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        var original = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "wwwroot", "css", "site.css"));
        Assert.True(response.Content.Headers.ContentLength < original.Length / 2, $"{response.Content.Headers.ContentLength} bytes for {original.Length}");
        Assert.Equal(original, await DecodedAsync(response));
    }

    [Fact]
    public async Task The_demo_started_in_Development_sends_brotli_that_is_brotli()
    {
        using var demo = ParticipationApp.With(new Dictionary<string, string?> { ["environment"] = "Development", ["Demo:Seed"] = "false" });
        var client = demo.CreateBrowserlessClient();
        var home = await client.GetDocumentAsync("/");
        using var request = new HttpRequestMessage(HttpMethod.Get, home.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");

        var response = await client.SendAsync(request);

        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "wwwroot", "css", "site.css")), await DecodedAsync(response));
    }

    [Fact]
    public async Task The_SignalR_client_copied_from_npm_is_served_precompressed()
    {
        var response = await GetAsync("/lib/signalr/signalr.min.js", "br");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "wwwroot", "lib", "signalr", "signalr.min.js")), await DecodedAsync(response));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Pages_come_compressed_when_the_browser_asks(string encoding)
    {
        var response = await GetAsync("/compte/connexion", encoding);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = Encoding.UTF8.GetString(await DecodedAsync(response));
        Assert.Contains("<h1>Se connecter</h1>", html);
        Assert.True(response.Content.Headers.ContentLength is null || response.Content.Headers.ContentLength < html.Length / 2);

        var plain = await GetAsync("/compte/connexion", null);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_file_added_to_the_web_root_after_the_build_is_served_as_it_is()
    {
        using var webRoot = new Participation.Testing.TemporaryFolder("participation-webroot");
        await File.WriteAllTextAsync(webRoot.File("logo-departement.txt"), "Bellerive");
        using var site = ParticipationApp.With(new Dictionary<string, string?> { ["Site:WebRoot"] = webRoot.Path, ["Demo:Seed"] = "false" });
        var client = site.CreateBrowserlessClient();

        var added = await client.GetAsync("/logo-departement.txt");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("Bellerive", await added.Content.ReadAsStringAsync());
        Assert.Contains("nosniff", added.Headers.GetValues("X-Content-Type-Options").Single());

        // The build's own files are still there, under their fingerprinted address.
        var stylesheet = (await client.GetDocumentAsync("/")).QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(stylesheet)).StatusCode);
    }
}
