using System.Net;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Charter;
using Participation.Web.Demo;

namespace Participation.Tests.Charter;

/// <summary>
/// A version's whole life through the staff's and the establishments' pages, on a site of its own:
/// the demo's version 2 closes and is adopted, an establishment signs it, version 3 is drafted and put to the vote.
/// </summary>
public sealed class CharterSteeringTests : IClassFixture<ParticipationApp>
{
    private readonly ParticipationApp _app;

    public CharterSteeringTests(ParticipationApp app)
    {
        _app = app;
        app.CreateClient();
    }

    private static readonly string Admin = $"pilotage@{DemoSeeder.Domain}";

    /// <summary>A post with the person's own antiforgery token, to a form the page no longer offers.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var token = (await client.GetDocumentAsync("/")).QuerySelector("form[action='/compte/deconnexion'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    [Fact]
    public async Task A_version_is_voted_adopted_signed_and_followed_by_a_draft_put_to_the_vote()
    {
        var admin = await _app.SignedInClientAsync(Admin);
        var v2 = await _app.WithDbAsync(db => db.CharterVersions.SingleAsync(v => v.Number == 2));

        // No second version in preparation while version 2 is at the vote.
        var refused = await (await PostAsync(admin, "/pilotage/charte?handler=Draft", [])).ParseAsync();
        Assert.Contains("La version 2 est soumise au vote des jeunes", refused.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(2, await _app.WithDbAsync(db => db.CharterVersions.CountAsync()));

        // Adoption waits for the end of the vote.
        var early = await (await admin.SubmitHandlerAsync($"/pilotage/charte/versions/{v2.Id}", "Adopt", new Dictionary<string, string>())).ParseAsync();
        Assert.Contains("n'est pas fini", early.QuerySelector(".error-summary")!.TextContent);

        // The window closes: a young member's vote is refused and nothing is written.
        var faucon = await _app.SignedInClientAsync("Faucon");
        var screen = await faucon.GetDocumentAsync("/charte/vote?n=1");
        var practiceId = screen.QuerySelector("input[name=PracticeId]")!.GetAttribute("value")!;
        var token = screen.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await _app.WithDbAsync(db => db.CharterVersions.Where(v => v.Id == v2.Id).ExecuteUpdateAsync(set => set.SetProperty(v => v.VoteClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var votes = await _app.WithDbAsync(db => db.PracticeVotes.CountAsync());
        var late = await (await faucon.PostAsync("/charte/vote", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["PracticeId"] = practiceId, ["N"] = "1", ["Choice"] = "Agree",
        }))).ParseAsync();
        Assert.Contains("est fermé depuis le", late.Text());
        Assert.Equal(votes, await _app.WithDbAsync(db => db.PracticeVotes.CountAsync()));

        var adopted = await admin.SubmitHandlerAsync($"/pilotage/charte/versions/{v2.Id}", "Adopt", new Dictionary<string, string>());
        Assert.Equal($"/pilotage/charte/versions/{v2.Id}?fait=adoptee", adopted.Headers.Location!.OriginalString);
        Assert.Equal(CharterVersionStatus.Adopted, await _app.WithDbAsync(db => db.CharterVersions.Where(v => v.Id == v2.Id).Select(v => v.Status).SingleAsync()));
        var publicPage = await _app.CreateBrowserlessClient().GetDocumentAsync("/charte");
        Assert.StartsWith("Version 2, adoptée le", publicPage.QuerySelector(".charter-current")!.TextContent.Trim());

        // The establishment signs version 2 for itself, once, after saying it read it.
        var representative = await _app.SignedInClientAsync($"etablissement@{DemoSeeder.Domain}");
        var unread = await (await representative.PostFormAsync("/etablissement/charte", new Dictionary<string, string> { ["VersionId"] = $"{v2.Id}", ["Name"] = "Jeanne Fictive, directrice" })).ParseAsync();
        Assert.Contains("Cochez la case", unread.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("Jeanne Fictive, directrice", unread.QuerySelector($"#nom-2")!.GetAttribute("value"));
        Assert.False(await _app.WithDbAsync(db => db.Ratifications.AnyAsync(r => r.VersionId == v2.Id)));

        var signed = await representative.PostFormAsync("/etablissement/charte", new Dictionary<string, string> { ["VersionId"] = $"{v2.Id}", ["Name"] = "Jeanne Fictive, directrice", ["Read"] = "true" });
        Assert.Equal("/etablissement/charte?signee=2", signed.Headers.Location!.OriginalString);
        var signature = await _app.WithDbAsync(db => db.Ratifications.SingleAsync(r => r.VersionId == v2.Id));
        Assert.Equal("Jeanne Fictive, directrice", signature.SignedByName);
        Assert.Equal((await _app.ActorAsync($"etablissement@{DemoSeeder.Domain}")).MemberId, signature.SignedById);
        var listed = (await _app.CreateBrowserlessClient().GetDocumentAsync("/charte")).QuerySelectorAll(".charter-versions > li")
            .Single(li => li.QuerySelector("h3")!.TextContent.Contains("Version 2"));
        Assert.Contains("MECS Les Tilleuls", listed.TextContent);
        Assert.DoesNotContain("Foyer La Passerelle", listed.TextContent);
        var twice = await (await PostAsync(representative, "/etablissement/charte", new Dictionary<string, string> { ["VersionId"] = $"{v2.Id}", ["Name"] = "Autre Nom, directeur", ["Read"] = "true" })).ParseAsync();
        Assert.Contains("a déjà signé la version 2", twice.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Ratifications.CountAsync(r => r.VersionId == v2.Id)));

        // Version 3 starts from version 2.
        var drafted = await admin.PostFormAsync("/pilotage/charte", new Dictionary<string, string>());
        var v3 = await _app.WithDbAsync(db => db.CharterVersions.SingleAsync(v => v.Number == 3));
        Assert.Equal($"/pilotage/charte/versions/{v3.Id}?fait=brouillon", drafted.Headers.Location!.OriginalString);
        var practices = await _app.WithDbAsync(db => db.CharterPractices.CountAsync(p => p.VersionId == v3.Id));
        Assert.Equal(await _app.WithDbAsync(db => db.CharterPractices.CountAsync(p => p.VersionId == v2.Id)), practices);

        // A new practice with nothing in it is refused beside its fields, the typed words kept.
        var editor = $"/pilotage/charte/versions/{v3.Id}";
        var empty = await (await admin.SubmitHandlerAsync(editor, "Add", new Dictionary<string, string> { ["Chapter"] = "", ["Statement"] = "Trop court", ["EasyRead"] = "" })).ParseAsync();
        Assert.True(empty.QuerySelector("#erreur-0-chapter") is not null, empty.QuerySelector(".error-summary")?.TextContent ?? empty.Text()[..300]);
        Assert.Contains("Choisissez un des chapitres", empty.QuerySelector("#erreur-0-chapter")!.TextContent);
        Assert.Contains("facile à lire est obligatoire", empty.QuerySelector("#erreur-0-easyread")!.TextContent);
        Assert.Equal("Trop court", empty.QuerySelector("#enonce-nouveau")!.TextContent);
        Assert.Equal(practices, await _app.WithDbAsync(db => db.CharterPractices.CountAsync(p => p.VersionId == v3.Id)));

        var added = await admin.SubmitHandlerAsync(editor, "Add", new Dictionary<string, string>
        {
            ["Chapter"] = "loisirs", ["Statement"] = "Chaque jeune part au moins une semaine en vacances l'été, dans un lieu choisi avec lui.", ["EasyRead"] = "L'été, tu pars en vacances. Tu choisis où.",
        });
        Assert.EndsWith("fait=ajoutee", added.Headers.Location!.OriginalString);
        var fresh = await _app.WithDbAsync(db => db.CharterPractices.SingleAsync(p => p.VersionId == v3.Id && p.Statement.StartsWith("Chaque jeune part")));

        var unknown = await (await admin.SubmitHandlerAsync(editor, "AddGround", new Dictionary<string, string> { ["PracticeId"] = $"{fresh.Id}", ["GroundKind"] = "Proposal", ["SourceId"] = "999999" })).ParseAsync();
        Assert.Contains("Aucune proposition ne porte le numéro 999999", unknown.QuerySelector($"#erreur-{fresh.Id}-sourceid")!.TextContent);
        var proposal = await _app.WithDbAsync(db => db.Proposals.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        Assert.EndsWith("fait=lien", (await admin.SubmitHandlerAsync(editor, "AddGround", new Dictionary<string, string> { ["PracticeId"] = $"{fresh.Id}", ["GroundKind"] = "Proposal", ["SourceId"] = $"{proposal}" })).Headers.Location!.OriginalString);
        Assert.True(await _app.WithDbAsync(db => db.PracticeGrounds.AnyAsync(g => g.PracticeId == fresh.Id && g.SourceId == proposal)));

        // Version 3 started with version 2's grounds; a voice linked in the draft changes nothing in the signed version 2.
        var copied = await _app.WithDbAsync(db => db.CharterPractices.Where(p => p.VersionId == v3.Id && p.Key != fresh.Key).OrderBy(p => p.Key).FirstAsync());
        var signedOne = await _app.WithDbAsync(db => db.CharterPractices.SingleAsync(p => p.VersionId == v2.Id && p.Key == copied.Key));
        var inherited = await _app.WithDbAsync(db => db.PracticeGrounds.Where(g => g.PracticeId == copied.Id).Select(g => new { g.Kind, g.SourceId }).OrderBy(g => g.SourceId).ToListAsync());
        Assert.Equal(await _app.WithDbAsync(db => db.PracticeGrounds.Where(g => g.PracticeId == signedOne.Id).Select(g => new { g.Kind, g.SourceId }).OrderBy(g => g.SourceId).ToListAsync()), inherited);
        var another = await _app.WithDbAsync(db => db.Proposals.Where(p => !db.PracticeGrounds.Any(g => g.PracticeId == copied.Id && g.SourceId == p.Id)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        Assert.EndsWith("fait=lien", (await admin.SubmitHandlerAsync(editor, "AddGround", new Dictionary<string, string> { ["PracticeId"] = $"{copied.Id}", ["GroundKind"] = "Proposal", ["SourceId"] = $"{another}" })).Headers.Location!.OriginalString);
        Assert.False(await _app.WithDbAsync(db => db.PracticeGrounds.AnyAsync(g => g.PracticeId == signedOne.Id && g.SourceId == another)));

        // A practice of another version is not changed from this page.
        var old = await _app.WithDbAsync(db => db.CharterPractices.Where(p => p.VersionId == v2.Id).Select(p => p.Id).FirstAsync());
        var foreign = await (await admin.SubmitHandlerAsync(editor, "Remove", new Dictionary<string, string> { ["PracticeId"] = $"{old}" })).ParseAsync();
        Assert.Contains("n'appartient pas à cette version", foreign.QuerySelector(".error-summary")!.TextContent);

        // The vote: its last day comes after its first; then the practices are frozen.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var backwards = await (await admin.SubmitHandlerAsync(editor, "OpenVote", new Dictionary<string, string> { ["VoteOpensOn"] = $"{today.AddDays(3):yyyy-MM-dd}", ["VoteClosesOn"] = $"{today:yyyy-MM-dd}" })).ParseAsync();
        Assert.Contains("vient après le premier", backwards.QuerySelector("#erreur--1-voteclosesOn".ToLowerInvariant())!.TextContent);
        Assert.Equal(CharterVersionStatus.Draft, await _app.WithDbAsync(db => db.CharterVersions.Where(v => v.Id == v3.Id).Select(v => v.Status).SingleAsync()));
        Assert.EndsWith("fait=vote", (await admin.SubmitHandlerAsync(editor, "OpenVote", new Dictionary<string, string> { ["VoteOpensOn"] = $"{today:yyyy-MM-dd}", ["VoteClosesOn"] = $"{today.AddDays(14):yyyy-MM-dd}" })).Headers.Location!.OriginalString);
        Assert.Equal(CharterVersionStatus.Consultation, await _app.WithDbAsync(db => db.CharterVersions.Where(v => v.Id == v3.Id).Select(v => v.Status).SingleAsync()));
        var frozen = await admin.ForgeHandlerAsync(editor, "Reword", new Dictionary<string, string>
        {
            ["PracticeId"] = $"{fresh.Id}", ["Chapter"] = "loisirs", ["Statement"] = "Une autre phrase pour la même pratique de vacances.", ["EasyRead"] = "Une autre phrase.",
        });
        Assert.Contains("ses pratiques ne changent plus pendant le vote", (await frozen.ParseAsync()).QuerySelector(".error-summary")!.TextContent);

        // The new practice is now on the young people's screens, and the comparison shows it added.
        var compared = await _app.CreateBrowserlessClient().GetDocumentAsync("/charte/comparer?de=2&a=3");
        Assert.Equal("charter-diff-added", compared.QuerySelector($"#cle-{fresh.Key}")!.ClassName);
        Assert.Equal(HttpStatusCode.OK, (await faucon.GetAsync($"/charte/vote?n={practices + 1}")).StatusCode);
    }
}
