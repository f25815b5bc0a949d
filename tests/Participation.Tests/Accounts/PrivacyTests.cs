using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.Tests.Accounts;

[Collection(SharedAppCollection.Name)]
public sealed class PrivacyTests(ParticipationApp app)
{
    private Task<List<string>> YoungRealNamesAsync() =>
        app.WithDbAsync(db => db.MembersInRole(Roles.Young)
            .Where(u => u.RealName != null)
            .Select(u => u.RealName!)
            .ToListAsync());

    [Fact]
    public async Task Young_members_real_names_never_reach_public_pages_or_young_members()
    {
        var names = await YoungRealNamesAsync();
        Assert.True(names.Count >= 50);
        var anonymous = app.CreateBrowserlessClient();
        var young = await app.SignedInClientAsync("Loutre");
        foreach (var url in new[] { "/", "/a-propos", "/droits", "/aide", "/schema", "/compte/connexion" })
        {
            var html = await (await anonymous.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(names, html.Contains);
        }
        foreach (var url in new[] { "/espace", "/compte", "/schema" })
        {
            var html = await (await young.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(names, html.Contains);
        }
    }

    [Fact]
    public async Task Facilitators_see_real_names_where_they_need_them()
    {
        var facilitator = await app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var page = await facilitator.GetDocumentAsync("/animation/jeunes");
        var realName = await app.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == "Colibri").Select(u => u.RealName).SingleAsync());
        var row = page.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent == "Colibri");
        Assert.Contains(realName!, row.TextContent);
        Assert.Contains("7–10 ans", row.TextContent);
    }

    [Fact]
    public async Task The_young_members_list_filters_by_age_band()
    {
        var facilitator = await app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var page = await facilitator.GetDocumentAsync("/animation/jeunes?tranche=From15To17");
        var rows = page.QuerySelectorAll("tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains("15–17 ans", row.TextContent));
    }

    [Fact]
    public async Task The_sign_in_cookie_carries_the_pseudonym_and_no_real_name()
    {
        var client = await app.SignedInClientAsync("Faucon");
        var page = await client.GetDocumentAsync("/espace");
        Assert.Equal("Faucon", page.QuerySelector(".whoami strong")!.TextContent);
    }
}
