using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Web.Consultations;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Shared;
using QRCoder;

namespace Participation.Tests.Infrastructure;

/// <summary>The site behind a reverse proxy, as a real département runs it: nginx at 10.0.0.5 in front.</summary>
public sealed class ProxyTests
{
    private const string Proxy = "10.0.0.5";
    private const string PublicAddress = "https://participation.bellerive.example";

    private static ParticipationApp BehindProxy(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Demo:Proposals"] = "0",
            ["Site:KnownProxies:0"] = Proxy,
            ["Site:PublicAddress"] = PublicAddress,
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        return ParticipationApp.With(settings);
    }

    /// <summary>
    /// A phone whose request reaches the site through the given hop, which says who sent it. The
    /// phone speaks https, as at the public address, so that it sends back the site's secure cookies.
    /// </summary>
    private static HttpClient Phone(ParticipationApp app, string hop, string? forwardedFor = null, string? forwardedProto = null, string host = "participation.bellerive.example", string scheme = "https")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri($"{scheme}://{host}") });
        client.DefaultRequestHeaders.Add("X-Test-Address", hop);
        if (forwardedFor is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        if (forwardedProto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }
        return client;
    }

    private static Task<HttpResponseMessage> WrongCodeAsync(HttpClient phone) =>
        phone.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = "ZZZZZZ", ["Pseudonym"] = "Étoile" });

    private static readonly Dictionary<string, string?> ThreeWrongCodesPerAddress = new()
    {
        ["Council:WrongCodesPerMinutePerAddress"] = "3",
        ["Council:WrongCodesPerMinute"] = "1000",
    };

    [Fact]
    public async Task Behind_a_known_proxy_each_phone_has_its_own_allowance_so_one_guesser_does_not_stop_the_room()
    {
        using var app = BehindProxy(ThreeWrongCodesPerAddress);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await WrongCodeAsync(Phone(app, Proxy, "203.0.113.7"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WrongCodeAsync(Phone(app, Proxy, "203.0.113.7"))).StatusCode);

        // Another phone behind the same proxy is its own address, not the proxy's.
        Assert.Equal(HttpStatusCode.OK, (await WrongCodeAsync(Phone(app, Proxy, "203.0.113.8"))).StatusCode);
        // A client that writes a false address before the real one gains nothing: the proxy appends what it saw.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WrongCodeAsync(Phone(app, Proxy, "198.51.100.1, 203.0.113.7"))).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_but_a_known_proxy_are_ignored()
    {
        using var app = BehindProxy(ThreeWrongCodesPerAddress);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await WrongCodeAsync(Phone(app, "192.0.2.9", $"203.0.113.{i + 1}"))).StatusCode);
        }
        // Writing a new X-Forwarded-For each time does not make a guesser a new phone.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WrongCodeAsync(Phone(app, "192.0.2.9", "203.0.113.99"))).StatusCode);
    }

    [Fact]
    public async Task Without_proxy_settings_the_loopback_is_not_trusted_either()
    {
        using var app = ParticipationApp.With(new Dictionary<string, string?>(ThreeWrongCodesPerAddress) { ["Demo:Proposals"] = "0" });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await WrongCodeAsync(Phone(app, "127.0.0.1", $"203.0.113.{i + 1}", scheme: "http"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WrongCodeAsync(Phone(app, "127.0.0.1", "203.0.113.99", scheme: "http"))).StatusCode);
    }

    [Fact]
    public async Task Over_https_at_the_proxy_the_site_sends_HSTS_and_only_secure_cookies()
    {
        using var app = BehindProxy();
        var page = await Phone(app, Proxy, "203.0.113.7", "https", scheme: "http").GetAsync("/compte/connexion");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // A year, this host only.
        Assert.Equal("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("participation.antiforgery="));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        // The scheme a stranger claims is not believed: no HSTS for a plain request that says https.
        var claimed = await Phone(app, "192.0.2.9", forwardedProto: "https", scheme: "http").GetAsync("/compte/connexion");
        Assert.False(claimed.Headers.Contains("Strict-Transport-Security"));
        // Its cookies are secure all the same, since the public address is https.
        Assert.Contains("secure", claimed.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("participation.antiforgery=")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_allowed_hosts_set_a_request_for_another_host_is_refused_before_any_sign_in_redirect_names_it()
    {
        using var app = BehindProxy(new() { ["AllowedHosts"] = "participation.bellerive.example" });
        var own = await Phone(app, Proxy, "203.0.113.7", "https").GetAsync("/espace");
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.StartsWith("https://participation.bellerive.example/compte/connexion", own.Headers.Location!.AbsoluteUri);

        var foreign = await Phone(app, Proxy, "203.0.113.7", "https", host: "piege.example").GetAsync("/espace");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Null(foreign.Headers.Location);
    }

    [Fact]
    public async Task Signing_in_behind_an_https_proxy_gives_a_secure_session_cookie()
    {
        using var app = BehindProxy();
        var cookies = new CookieContainer();
        var client = app.CreateDefaultClient(new Uri("https://participation.bellerive.example"), new AddressedAs(Proxy, "203.0.113.7", "https"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        var form = await client.GetDocumentAsync("/compte/connexion");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signedIn = await client.PostAsync("/compte/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = "Colibri", ["Password"] = DemoSeeder.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("participation.session="));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_plain_http_without_a_public_https_address_cookies_stay_usable()
    {
        using var app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Proposals"] = "0" });
        var page = await app.CreateBrowserlessClient().GetAsync("/compte/connexion");
        Assert.DoesNotContain("secure", page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("participation.antiforgery=")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task QR_codes_slips_and_the_projector_use_the_public_address_whatever_host_the_request_names()
    {
        using var app = BehindProxy();
        var session = await LiveSessionAsync(app);
        var facilitator = Phone(app, Proxy, "203.0.113.7", host: "10.0.0.12:5000");
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.SignInAsync($"animation@{DemoSeeder.Domain}")).StatusCode);

        var projector = await facilitator.GetDocumentAsync($"/conseil/seances/{session.Id}/projecteur");
        Assert.Equal("participation.bellerive.example/rejoindre", projector.QuerySelector(".projector-join strong")!.TextContent);

        var qr = await facilitator.GetStringAsync($"/conseil/seances/{session.Id}/qr");
        Assert.Equal(Svg($"{PublicAddress}/rejoindre?code={session.Code}"), qr);
        Assert.NotEqual(Svg($"http://10.0.0.12:5000/rejoindre?code={session.Code}"), qr);

        var staff = Phone(app, Proxy, "203.0.113.7", host: "evil.example");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SignInAsync($"pilotage@{DemoSeeder.Domain}")).StatusCode);
        var q = await app.CreateQuestionnaireAsync("Feuillets à la bonne adresse", QuestionnaireAccess.Invitation);
        var created = await staff.PostFormAsync($"/pilotage/consultations/{q.Id}/invitations", new Dictionary<string, string> { ["Label"] = "Courrier", ["Count"] = "2" });
        var sheet = await staff.GetDocumentAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("participation.bellerive.example/consultations", sheet.QuerySelector(".invitation-slip")!.TextContent);
        Assert.DoesNotContain("evil.example", sheet.DocumentElement.OuterHtml);
        var slip = sheet.QuerySelector(".invitation-slip")!;
        var code = slip.QuerySelector(".invitation-slip-code")!.TextContent;
        Assert.Equal(QrCodes.For($"{PublicAddress}/consultations/{q.Slug}?code={code}").Path, slip.QuerySelector("svg.invitation-slip-qr path")!.GetAttribute("d"));
    }

    [Fact]
    public async Task A_page_of_another_site_is_refused_before_any_websocket_opens_and_the_sites_own_page_is_not()
    {
        using var app = BehindProxy();
        var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{CouncilHub.Path}/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Origin", "https://autre-site.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateBrowserlessClient().SendAsync(negotiate)).StatusCode);

        var socket = app.Server.CreateWebSocketClient();
        socket.ConfigureRequest = request => request.Headers.Origin = "https://autre-site.example";
        var hub = new UriBuilder(new Uri(app.Server.BaseAddress, CouncilHub.Path)) { Scheme = "ws" }.Uri;
        var refused = await Record.ExceptionAsync(() => socket.ConnectAsync(hub, CancellationToken.None));
        Assert.NotNull(refused);

        // The same request from the site's own pages, at its public address, is let through.
        var own = new HttpRequestMessage(HttpMethod.Post, $"{CouncilHub.Path}/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", PublicAddress);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlessClient().SendAsync(own)).StatusCode);
        // The address a request names is not enough once a public address is set: a proxy's inner name is not the site's.
        var inner = new HttpRequestMessage(HttpMethod.Post, $"{CouncilHub.Path}/negotiate?negotiateVersion=1");
        inner.Headers.Add("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateBrowserlessClient().SendAsync(inner)).StatusCode);
    }

    private static string Svg(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    private static async Task<(int Id, string Code)> LiveSessionAsync(ParticipationApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var facilitator = (await app.ActorAsync($"animation@{DemoSeeder.Domain}")).MemberId!;
        var created = await sessions.CreateAsync(new NewSession("Plénière derrière le proxy", SessionKind.Plenary, DateTimeOffset.UtcNow.AddHours(1), "Grande salle", false, "Bien manger",
            AgeBandSet.From7To10 | AgeBandSet.From11To14 | AgeBandSet.From15To17 | AgeBandSet.From18To25, ["Accueil"], GuestsAllowed: true), facilitator);
        var id = created.Value;
        Assert.True((await sessions.StartAsync(id)).Succeeded);
        return (id, await app.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == id).Select(s => s.JoinCode!).SingleAsync()));
    }

    /// <summary>Adds the headers a proxy at the given address would, on every request.</summary>
    private sealed class AddressedAs(string hop, string forwardedFor, string forwardedProto) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Test-Address", hop);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
