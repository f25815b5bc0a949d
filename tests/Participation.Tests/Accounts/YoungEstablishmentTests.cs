using System.Net;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.Tests.Accounts;

[Collection(SharedAppCollection.Name)]
public sealed class YoungEstablishmentTests(ParticipationApp app)
{
    private const string Facilitator = $"animation@{DemoSeeder.Domain}";
    private const string Tilleuls = "MECS Les Tilleuls";
    private const string Passerelle = "Foyer La Passerelle";

    public static TheoryData<string, string> EveryRoleOutsideTheTeam
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (login, role, _) in DemoSeeder.Logins.DistinctBy(l => l.Role).Where(l => l.Role is not (Roles.Facilitator or Roles.Admin)))
            {
                data.Add(login, role);
            }
            return data;
        }
    }

    private Task<int> EstablishmentAsync(string name) =>
        app.WithDbAsync(db => db.Establishments.Where(e => e.Name == name).Select(e => e.Id).SingleAsync());

    private Task<int?> StoredAsync(string memberId) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == memberId).Select(u => u.EstablishmentId).SingleAsync());

    /// <summary>A young member of the test's own, so that the demo's young members keep their places for the other tests.</summary>
    private async Task<string> NewYoungMemberAsync(string pseudonym, int establishmentId)
    {
        var facilitator = await app.SignedInClientAsync(Facilitator);
        var created = await facilitator.PostFormAsync("/animation/jeunes/nouveau", new Dictionary<string, string>
        {
            ["Pseudonym"] = pseudonym, ["BirthYear"] = (DateTime.Now.Year - 13).ToString(), ["EstablishmentId"] = establishmentId.ToString(),
        });
        Assert.NotNull((await created.ParseAsync()).QuerySelector(".slip-code"));
        return await app.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == pseudonym).Select(u => u.Id).SingleAsync());
    }

    private static AngleSharp.Dom.IElement Row(AngleSharp.Dom.IDocument list, string pseudonym) =>
        list.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent == pseudonym);

    [Fact]
    public async Task A_facilitator_changes_a_young_members_establishment_from_the_list_then_clears_it()
    {
        var (tilleuls, passerelle) = (await EstablishmentAsync(Tilleuls), await EstablishmentAsync(Passerelle));
        var id = await NewYoungMemberAsync("Martin-Pecheur", passerelle);
        var facilitator = await app.SignedInClientAsync(Facilitator);

        var row = Row(await facilitator.GetDocumentAsync("/animation/jeunes"), "Martin-Pecheur");
        Assert.Contains(Passerelle, row.TextContent);
        var url = row.QuerySelectorAll("a").Single(a => a.TextContent == "Changer le lieu de vie de Martin-Pecheur").GetAttribute("href")!;
        Assert.Equal($"/animation/jeunes/{id}/lieu-de-vie", url);

        var form = await facilitator.GetDocumentAsync(url);
        Assert.Equal("Lieu de vie de Martin-Pecheur", form.QuerySelector("h1")!.TextContent);
        Assert.Equal(passerelle.ToString(), form.QuerySelector("#lieu-de-vie option[selected]")!.GetAttribute("value"));
        Assert.Null(form.QuerySelector("[role=status]"));

        var moved = await facilitator.PostFormAsync(url, new Dictionary<string, string> { ["EstablishmentId"] = tilleuls.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(tilleuls, await StoredAsync(id));
        var confirmed = await facilitator.GetDocumentAsync(moved.Headers.Location!.OriginalString);
        Assert.Equal("Lieu de vie de Martin-Pecheur\u00A0: MECS Les Tilleuls (Bellerive).", confirmed.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(tilleuls.ToString(), confirmed.QuerySelector("#lieu-de-vie option[selected]")!.GetAttribute("value"));
        Assert.Contains(Tilleuls, Row(await facilitator.GetDocumentAsync("/animation/jeunes"), "Martin-Pecheur").TextContent);

        var cleared = await facilitator.PostFormAsync(url, new Dictionary<string, string> { ["EstablishmentId"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null(await StoredAsync(id));
        var none = await facilitator.GetDocumentAsync(cleared.Headers.Location!.OriginalString);
        Assert.Equal("Lieu de vie de Martin-Pecheur\u00A0: pas en établissement ou non précisé.", none.QuerySelector("[role=status]")!.TextContent);
        Assert.Null(none.QuerySelector("#lieu-de-vie option[selected]"));
        var clearedRow = Row(await facilitator.GetDocumentAsync("/animation/jeunes"), "Martin-Pecheur");
        Assert.DoesNotContain(Tilleuls, clearedRow.TextContent);
        Assert.DoesNotContain(Passerelle, clearedRow.TextContent);
    }

    [Fact]
    public async Task An_administrator_changes_it_too()
    {
        var (tilleuls, passerelle) = (await EstablishmentAsync(Tilleuls), await EstablishmentAsync(Passerelle));
        var id = await NewYoungMemberAsync("Pilote-Change", passerelle);
        var admin = await app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var moved = await admin.PostFormAsync($"/animation/jeunes/{id}/lieu-de-vie", new Dictionary<string, string> { ["EstablishmentId"] = tilleuls.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(tilleuls, await StoredAsync(id));
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("tilleuls")]
    public async Task An_unknown_establishment_is_refused_in_French_and_nothing_changes(string establishment)
    {
        var id = await NewYoungMemberAsync($"Inconnu-{establishment}", await EstablishmentAsync(Passerelle));
        var facilitator = await app.SignedInClientAsync(Facilitator);
        var response = await facilitator.PostFormAsync($"/animation/jeunes/{id}/lieu-de-vie", new Dictionary<string, string> { ["EstablishmentId"] = establishment });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("n'est pas dans la liste", page.QuerySelector("#erreur-establishmentid")!.TextContent);
        Assert.Contains("erreur-establishmentid", page.QuerySelector("#lieu-de-vie")!.GetAttribute("aria-describedby"));
        Assert.Null(page.QuerySelector("[role=status]"));
        Assert.Equal(await EstablishmentAsync(Passerelle), await StoredAsync(id));
    }

    [Fact]
    public async Task Only_young_members_accounts_are_reached_here()
    {
        var professional = await app.WithDbAsync(db => db.Users.Where(u => u.Email == $"pro@{DemoSeeder.Domain}").Select(u => new { u.Id, u.EstablishmentId }).SingleAsync());
        var facilitator = await app.SignedInClientAsync(Facilitator);
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync($"/animation/jeunes/{professional.Id}/lieu-de-vie")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync("/animation/jeunes/personne/lieu-de-vie")).StatusCode);

        // The creation form's token is valid: only the address is wrong.
        var token = (await facilitator.GetDocumentAsync("/animation/jeunes/nouveau")).QuerySelector("main form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await facilitator.PostAsync($"/animation/jeunes/{professional.Id}/lieu-de-vie", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["EstablishmentId"] = "",
        }));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(professional.EstablishmentId, await StoredAsync(professional.Id));
    }

    [Theory]
    [MemberData(nameof(EveryRoleOutsideTheTeam))]
    public async Task Other_roles_can_neither_open_the_page_nor_post_to_it(string login, string role)
    {
        var (tilleuls, passerelle) = (await EstablishmentAsync(Tilleuls), await EstablishmentAsync(Passerelle));
        var id = await NewYoungMemberAsync($"Refus-{role}", passerelle);
        var url = $"/animation/jeunes/{id}/lieu-de-vie";
        var client = await app.SignedInClientAsync(login);

        AssertDenied(await client.GetAsync(url), role);
        // A valid token of their own, from their account page, so that only the authorisation stands in the way.
        var token = (await client.GetDocumentAsync("/compte")).QuerySelector("main form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var choice in new[] { tilleuls.ToString(), "" })
        {
            var posted = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["EstablishmentId"] = choice,
            }));
            AssertDenied(posted, role);
        }
        Assert.Equal(passerelle, await StoredAsync(id));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_nothing_changes()
    {
        var passerelle = await EstablishmentAsync(Passerelle);
        var id = await NewYoungMemberAsync("Refus-Anonyme", passerelle);
        var anonymous = app.CreateBrowserlessClient();
        var url = $"/animation/jeunes/{id}/lieu-de-vie";
        foreach (var response in new[] { await anonymous.GetAsync(url), await anonymous.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["EstablishmentId"] = "" })) })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/compte/connexion", response.Headers.Location!.ToString());
        }
        Assert.Equal(passerelle, await StoredAsync(id));
    }

    [Fact]
    public async Task A_young_members_own_pages_never_name_their_establishment()
    {
        // Colibri lives at the MECS Les Tilleuls in the demo.
        Assert.Equal(Tilleuls, await app.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == "Colibri").Select(u => u.Establishment!.Name).SingleAsync()));
        var young = await app.SignedInClientAsync("Colibri");

        var account = await young.GetAsync("/compte");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        var html = await account.Content.ReadAsStringAsync();
        Assert.Contains("Colibri", html);
        Assert.DoesNotContain("Tilleuls", html);
        Assert.DoesNotContain("Lieu de vie", html);

        // The demo's proposals name « Les Tilleuls » as a meeting place: only the establishment's full name is looked for here.
        foreach (var url in new[] { "/espace", "/propositions/miennes", "/propositions", "/conseil", "/entraide" })
        {
            var page = await young.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.DoesNotContain(Tilleuls, await page.Content.ReadAsStringAsync());
        }
    }

    private static void AssertDenied(HttpResponseMessage response, string role)
    {
        Assert.True(HttpStatusCode.Redirect == response.StatusCode, $"{role}: {(int)response.StatusCode}");
        Assert.StartsWith("http://localhost/compte/acces-refuse", response.Headers.Location!.ToString());
    }
}
