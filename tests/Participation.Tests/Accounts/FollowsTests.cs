using System.Net;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;

namespace Participation.Tests.Accounts;

/// <summary>
/// Facilitators see real names, and hand out codes, only for the young people in their care: those
/// they signed up and those of the establishments an administrator has them follow.
/// </summary>
public sealed class FollowsTests : IDisposable
{
    private const string Claire = $"animation3@{DemoSeeder.Domain}";
    private const string Yanis = $"animation2@{DemoSeeder.Domain}";
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Proposals"] = "0" });

    public void Dispose() => _app.Dispose();

    private Task<(string Id, string RealName, string? CodeHash)> YoungAsync(string pseudonym) =>
        _app.WithDbAsync(async db => await db.Users.Where(u => u.Pseudonym == pseudonym)
            .Select(u => new ValueTuple<string, string, string?>(u.Id, u.RealName!, u.ActivationCodeHash)).SingleAsync());

    private Task<int> EstablishmentAsync(string name) =>
        _app.WithDbAsync(db => db.Establishments.Where(e => e.Name == name).Select(e => e.Id).SingleAsync());

    /// <summary>A post the page does not offer this person, made with the token of a page they can open.</summary>
    private static async Task<HttpResponseMessage> ForgeAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var token = (await client.GetDocumentAsync("/consultations")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    [Fact]
    public async Task A_facilitator_following_no_establishment_sees_no_real_name_and_cannot_hand_a_code()
    {
        var colibri = await YoungAsync("Colibri");
        var claire = await _app.SignedInClientAsync(Claire);
        var list = await claire.GetDocumentAsync("/animation/jeunes");
        Assert.DoesNotContain(colibri.RealName, list.Text());
        Assert.Empty(list.QuerySelectorAll("tbody tr"));

        (await claire.GetAsync($"/animation/jeunes/{colibri.Id}/code")).AssertRefused();
        (await claire.GetAsync($"/animation/jeunes/{colibri.Id}/lieu-de-vie")).AssertRefused();
        // Forged with a token of another page: still refused, and the code is what it was.
        var forged = await ForgeAsync(claire, $"/animation/jeunes/{colibri.Id}/code", []);
        forged.AssertRefused();
        Assert.Equal(colibri.CodeHash, (await YoungAsync("Colibri")).CodeHash);
        var moved = await ForgeAsync(claire, $"/animation/jeunes/{colibri.Id}/lieu-de-vie", new() { ["EstablishmentId"] = "" });
        moved.AssertRefused();
        Assert.NotNull(await _app.WithDbAsync(db => db.Users.Where(u => u.Id == colibri.Id).Select(u => u.EstablishmentId).SingleAsync()));
    }

    [Fact]
    public async Task A_facilitator_sees_the_young_people_they_signed_up_and_those_of_the_establishments_they_follow()
    {
        var yanis = await _app.SignedInClientAsync(Yanis);
        var tournesol = await YoungAsync(DemoSeeder.PendingPseudonym);
        var colibri = await YoungAsync("Colibri");
        var list = await yanis.GetDocumentAsync("/animation/jeunes");
        Assert.Contains("Foyer La Passerelle", list.QuerySelector(".lead")!.TextContent);
        Assert.Contains(tournesol.RealName, list.Text());
        Assert.DoesNotContain(colibri.RealName, list.Text());
        Assert.Equal(HttpStatusCode.OK, (await yanis.GetAsync($"/animation/jeunes/{tournesol.Id}/code")).StatusCode);

        // Someone Yanis signs up himself stays in his care, wherever they live.
        var created = await yanis.PostFormAsync("/animation/jeunes/nouveau", new Dictionary<string, string>
        {
            ["Pseudonym"] = "Petit-Castor", ["BirthYear"] = (DateTime.Now.Year - 12).ToString(), ["RealName"] = "Noé Fictif",
            ["EstablishmentId"] = (await EstablishmentAsync("MECS Les Tilleuls")).ToString(),
        });
        Assert.NotNull((await created.ParseAsync()).QuerySelector(".slip-code"));
        Assert.Contains("Noé Fictif", (await yanis.GetDocumentAsync("/animation/jeunes")).Text());
        Assert.DoesNotContain("Noé Fictif", (await (await _app.SignedInClientAsync(Claire)).GetDocumentAsync("/animation/jeunes")).Text());
    }

    [Fact]
    public async Task An_administrator_sets_which_establishments_a_facilitator_follows()
    {
        var tilleuls = await EstablishmentAsync("MECS Les Tilleuls");
        var claireId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == Claire).Select(u => u.Id).SingleAsync());
        var admin = await _app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var page = await admin.GetDocumentAsync("/pilotage/comptes/animation");
        Assert.NotNull(page.QuerySelector($"#animateur-{claireId}"));

        var saved = await admin.PostFormAsync("/pilotage/comptes/animation", new Dictionary<string, string> { ["FacilitatorId"] = claireId, ["Establishments"] = tilleuls.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var confirmed = await admin.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("C'est enregistré : Anim-Claire suit MECS Les Tilleuls (Bellerive).", confirmed.QuerySelector(".notice-success")!.TextContent);
        Assert.True(confirmed.QuerySelector($"#suit-{claireId}-{tilleuls}")!.HasAttribute("checked"));

        var colibri = await YoungAsync("Colibri");
        var claire = await _app.SignedInClientAsync(Claire);
        Assert.Contains(colibri.RealName, (await claire.GetDocumentAsync("/animation/jeunes")).Text());
        Assert.Equal(HttpStatusCode.OK, (await claire.GetAsync($"/animation/jeunes/{colibri.Id}/code")).StatusCode);

        // An unknown establishment is refused and changes nothing.
        var unknown = await admin.PostFormAsync("/pilotage/comptes/animation", new Dictionary<string, string> { ["FacilitatorId"] = claireId, ["Establishments"] = "99999" });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains(YoungMembers.UnknownEstablishment, (await unknown.ParseAsync()).QuerySelector(".error-summary")!.TextContent);
        Assert.Equal([tilleuls], await _app.WithDbAsync(db => db.FollowedEstablishments.Where(f => f.FacilitatorId == claireId).Select(f => f.EstablishmentId).ToListAsync()));
    }

    [Theory]
    [InlineData("animation@demo.bellerive.example")]
    [InlineData("moderation@demo.bellerive.example")]
    [InlineData("Loutre")]
    public async Task Only_administrators_set_who_follows_what(string login)
    {
        var claireId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == Claire).Select(u => u.Id).SingleAsync());
        var client = await _app.SignedInClientAsync(login);
        (await client.GetAsync("/pilotage/comptes/animation")).AssertRefused();
        var forged = await ForgeAsync(client, "/pilotage/comptes/animation", new()
        {
            ["FacilitatorId"] = claireId, ["Establishments"] = (await EstablishmentAsync("MECS Les Tilleuls")).ToString(),
        });
        forged.AssertRefused();
        Assert.False(await _app.WithDbAsync(db => db.FollowedEstablishments.AnyAsync(f => f.FacilitatorId == claireId)));
    }
}
