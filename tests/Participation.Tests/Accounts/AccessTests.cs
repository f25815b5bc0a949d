using System.Net;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.Tests.Accounts;

[Collection(SharedAppCollection.Name)]
public sealed class AccessTests(ParticipationApp app)
{
    private static readonly Dictionary<string, string[]> RestrictedPages = new()
    {
        ["/animation/jeunes"] = [Roles.Facilitator, Roles.Admin],
        ["/animation/jeunes/nouveau"] = [Roles.Facilitator, Roles.Admin],
        ["/pilotage/comptes"] = [Roles.Admin],
        ["/pilotage/consultations"] = [Roles.Facilitator, Roles.Moderator, Roles.Admin],
        ["/pilotage/charte"] = [Roles.Admin],
        ["/etablissement/charte"] = [Roles.Establishment],
    };

    [Theory]
    [MemberData(nameof(DemoRoles.EveryRole), MemberType = typeof(DemoRoles))]
    public async Task Each_role_lands_on_its_own_home(string login, string role)
    {
        var client = app.CreateBrowserlessClient();
        var signIn = await client.SignInAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/espace", signIn.Headers.Location!.OriginalString);

        var home = await client.GetDocumentAsync("/espace");
        Assert.Equal(RoleHomesHeading(role), home.QuerySelector("h1")!.TextContent);
        Assert.Contains(Roles.Label(role), home.Text());
    }

    [Theory]
    [MemberData(nameof(DemoRoles.EveryRole), MemberType = typeof(DemoRoles))]
    public async Task Each_role_reaches_its_pages_and_no_others(string login, string role)
    {
        var client = await app.SignedInClientAsync(login);
        foreach (var (url, allowed) in RestrictedPages)
        {
            var response = await client.GetAsync(url);
            var expected = allowed.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Redirect;
            Assert.True(expected == response.StatusCode, $"{role} on {url}: {(int)response.StatusCode}");
            if (expected == HttpStatusCode.Redirect)
            {
                Assert.StartsWith("http://localhost/compte/acces-refuse", response.Headers.Location!.ToString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(DemoRoles.EveryRole), MemberType = typeof(DemoRoles))]
    public async Task The_home_only_offers_what_the_role_may_open(string login, string role)
    {
        var client = await app.SignedInClientAsync(login);
        var home = await client.GetDocumentAsync("/espace");
        var links = home.QuerySelectorAll("main .card-link").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            var response = await client.GetAsync(link);
            Assert.True(HttpStatusCode.OK == response.StatusCode, $"{role} is offered {link} but gets {(int)response.StatusCode}");
        }
        // Every restricted page a role may open is offered on its home.
        foreach (var (url, allowed) in RestrictedPages.Where(p => p.Key != "/animation/jeunes/nouveau"))
        {
            Assert.Equal(allowed.Contains(role), links.Contains(url));
        }
    }

    [Theory]
    [InlineData("/espace")]
    [InlineData("/compte")]
    [InlineData("/animation/jeunes")]
    [InlineData("/pilotage/comptes")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        var response = await app.CreateBrowserlessClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/compte/connexion", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_young_member_cannot_post_to_a_facilitator_form()
    {
        var facilitator = await app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var form = await facilitator.GetDocumentAsync("/animation/jeunes/nouveau");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var young = await app.SignedInClientAsync("Loutre");
        var before = await app.WithDbAsync(db => Task.FromResult(db.Users.Count()));
        var response = await young.PostAsync("/animation/jeunes/nouveau", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Pseudonym"] = "Intrus", ["BirthYear"] = "2012",
        }));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => Task.FromResult(db.Users.Count())));
    }

    [Fact]
    public async Task The_access_denied_page_is_French_and_says_403()
    {
        var client = await app.SignedInClientAsync("Faucon");
        var response = await client.GetAsync("/compte/acces-refuse");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Accès refusé", (await response.ParseAsync()).QuerySelector("h1")!.TextContent);
    }

    private static string RoleHomesHeading(string role) => Web.Home.RoleHomes.For(role).Heading;
}
