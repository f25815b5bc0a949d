using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Tests.Council;

/// <summary>Where children meet, and what a guest's name becomes: told only to those who need it.</summary>
public sealed class WhoSeesWhatTests : IDisposable
{
    private const string Place = "Salle des Hirondelles, 3 rue du Port";
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Proposals"] = "0" });

    public void Dispose() => _app.Dispose();

    private async Task<(int Id, string When)> SessionForElevenToFourteenAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var facilitator = (await _app.ActorAsync($"animation@{DemoSeeder.Domain}")).MemberId!;
        var startsAt = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(9).AddHours(15).AddMinutes(30), TimeSpan.Zero);
        var created = await sessions.CreateAsync(new NewSession("Groupe des 11-14 ans", SessionKind.WorkingGroup, startsAt, Place, false, "Loisirs",
            AgeBandSet.From11To14, ["Les sorties"]), facilitator);
        return (created.Value, FrenchDates.DayAndTime(FrenchDates.ToParis(startsAt)));
    }

    [Fact]
    public async Task The_time_a_facilitator_types_is_the_départements_and_is_shown_back_as_typed()
    {
        var facilitator = await _app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var created = await facilitator.PostFormAsync("/conseil/seances/nouvelle", new Dictionary<string, string>
        {
            ["Title"] = "Groupe du soir", ["Kind"] = nameof(SessionKind.WorkingGroup), ["StartsAt"] = "2027-01-02T14:05",
            ["Place"] = "Salle des fêtes", ["Theme"] = "Loisirs", ["Bands"] = AgeBand.From15To17.Slug(), ["Agenda"] = "Accueil",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        // 14h05 in Paris in January is 13:05 UTC.
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 13, 5, 0, TimeSpan.Zero), await _app.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == id).Select(s => s.StartsAt).SingleAsync()));
        Assert.Contains("samedi 2 janvier 2027 à 14h05", (await facilitator.GetDocumentAsync($"/conseil/seances/{id}")).Text());
    }

    [Fact]
    public async Task The_place_and_time_go_to_the_young_members_invited_and_to_staff_only()
    {
        var (session, when) = await SessionForElevenToFourteenAsync();
        var told = new[] { "Loutre", $"animation3@{DemoSeeder.Domain}", $"moderation@{DemoSeeder.Domain}", $"pilotage@{DemoSeeder.Domain}" };
        var notTold = new[] { "Colibri", $"parent@{DemoSeeder.Domain}", $"pro@{DemoSeeder.Domain}", $"etablissement@{DemoSeeder.Domain}" };
        foreach (var login in told)
        {
            var client = await _app.SignedInClientAsync(login);
            foreach (var page in new[] { $"/conseil/seances/{session}", "/conseil" })
            {
                var text = (await client.GetDocumentAsync(page)).Text();
                Assert.True(text.Contains(Place) && text.Contains(when), $"{login} should read the place and time on {page}");
            }
        }
        foreach (var (login, client) in notTold.Zip(await Task.WhenAll(notTold.Select(_app.SignedInClientAsync))).Append(("visiteur", _app.CreateBrowserlessClient())))
        {
            foreach (var page in new[] { $"/conseil/seances/{session}", "/conseil" })
            {
                var text = (await client.GetDocumentAsync(page)).Text();
                Assert.DoesNotContain(Place, text);
                Assert.DoesNotContain(when, text);
                Assert.DoesNotContain("Hirondelles", text);
            }
            Assert.Contains(login == "Colibri" ? "cette séance est pour une autre tranche d'âge que la tienne" : WhereAndWhen.Withheld,
                (await client.GetDocumentAsync($"/conseil/seances/{session}")).Text());
        }
    }

    [Fact]
    public async Task A_proposal_from_a_guests_idea_never_shows_the_guests_name()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var facilitator = await _app.ActorAsync($"animation@{DemoSeeder.Domain}");
        var created = await sessions.CreateAsync(new NewSession("Plénière ouverte", SessionKind.Plenary, DateTimeOffset.UtcNow.AddHours(1), "Grande salle", false, "Loisirs",
            AgeBandSet.From11To14 | AgeBandSet.From15To17, ["Accueil"], GuestsAllowed: true), facilitator.MemberId!);
        var session = created.Value;
        Assert.True((await sessions.StartAsync(session)).Succeeded);
        var code = await _app.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == session).Select(s => s.JoinCode!).SingleAsync());
        var joined = await _app.CreateBrowserlessClient().PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = "Mirabelle-Rose" });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var idea = await _app.WithDbAsync(async db =>
        {
            var guest = await db.Participants.SingleAsync(p => p.SessionId == session && p.Pseudonym == "Mirabelle-Rose");
            var added = new Idea { SessionId = session, ParticipantId = guest.Id, Text = "Un local pour les jeunes ouvert le samedi après-midi", Status = IdeaStatus.Approved, CreatedAt = DateTimeOffset.UtcNow };
            db.Ideas.Add(added);
            await db.SaveChangesAsync();
            return added.Id;
        });
        Assert.True((await sessions.CloseAsync(session)).Succeeded);
        var retained = await sessions.RetainIdeaAsync(session, idea, Theme.Leisure, facilitator);
        Assert.True(retained.Succeeded);

        var page = await _app.CreateBrowserlessClient().GetDocumentAsync($"/propositions/{retained.Value}");
        Assert.Contains("un·e jeune invité·e", page.Text());
        Assert.DoesNotContain("Mirabelle", page.DocumentElement.OuterHtml);
        var staff = await (await _app.SignedInClientAsync($"moderation@{DemoSeeder.Domain}")).GetDocumentAsync($"/propositions/{retained.Value}");
        Assert.DoesNotContain("Mirabelle", staff.DocumentElement.OuterHtml);
    }

    [Theory]
    [InlineData("Marie Dupont")]
    [InlineData("Léa  B")]
    public async Task A_guest_name_of_two_words_is_refused(string name)
    {
        var code = await LiveCodeAsync();
        var page = await (await _app.CreateBrowserlessClient().PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = name })).ParseAsync();
        Assert.Equal(RoomEntry.GuestNameShape, page.QuerySelector("#erreur-pseudonym")!.TextContent);
        Assert.Equal(name, page.QuerySelector("input[name=Pseudonym]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("COLIBRI")]
    [InlineData("Colibrì")]
    [InlineData("Collibri")]
    [InlineData("Co-libri")]
    [InlineData("Co_Libri")]
    [InlineData("CoIibri")]
    [InlineData("C0libri")]
    [InlineData("Colıbri")]
    [InlineData("Pi1otage")]
    [InlineData("L0utre")]
    public async Task A_guest_cannot_take_a_name_that_passes_for_a_members(string name)
    {
        var code = await LiveCodeAsync();
        var page = await (await _app.CreateBrowserlessClient().PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = name })).ParseAsync();
        Assert.Equal("Ce pseudo est déjà pris. Choisis-en un autre.", page.QuerySelector("#erreur-pseudonym")!.TextContent);
        Assert.False(await _app.WithDbAsync(db => db.Participants.AnyAsync(p => p.Pseudonym == name)));
    }

    [Fact]
    public void Letters_of_other_scripts_that_look_latin_read_as_latin()
    {
        Assert.Equal(LookAlike.Key("Colibri"), LookAlike.Key("\u0421\u043Elibri"));
        Assert.Equal(LookAlike.Key("Faucon"), LookAlike.Key("Ｆａｕｃｏｎ"));
        Assert.Equal(LookAlike.Key("Loutre"), LookAlike.Key("Lou\u200Btre"));
        Assert.NotEqual(LookAlike.Key("Loutre"), LookAlike.Key("Loutres"));
        Assert.NotEqual(LookAlike.Key("Tigre-7"), LookAlike.Key("Tigre-8"));
        Assert.Equal(LookAlike.Key("Colibri"), LookAlike.Key("CoIibri"));
        Assert.Equal(LookAlike.Key("Faucon"), LookAlike.Key("Fauc0n"));
    }

    private async Task<string> LiveCodeAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var facilitator = (await _app.ActorAsync($"animation@{DemoSeeder.Domain}")).MemberId!;
        var created = await sessions.CreateAsync(new NewSession("Plénière des invités", SessionKind.Plenary, DateTimeOffset.UtcNow.AddHours(1), "Grande salle", false, "Loisirs",
            AgeBandSet.From11To14, ["Accueil"], GuestsAllowed: true), facilitator);
        Assert.True((await sessions.StartAsync(created.Value)).Succeeded);
        return await _app.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == created.Value).Select(s => s.JoinCode!).SingleAsync());
    }
}
