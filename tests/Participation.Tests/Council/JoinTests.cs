using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.Tests.Council;

/// <summary>Joining by code in a room where everyone is behind the same Wi-Fi, with the shipped limits.</summary>
public sealed class JoinTests : IDisposable
{
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?>(ParticipationApp.ShippedLimits) { ["Demo:Proposals"] = "0" });

    public void Dispose() => _app.Dispose();

    private async Task<(int Id, string Code)> LiveSessionAsync(bool guestsAllowed,
        AgeBandSet bands = AgeBandSet.From7To10 | AgeBandSet.From11To14 | AgeBandSet.From15To17 | AgeBandSet.From18To25)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        var facilitator = (await _app.ActorAsync($"animation@{DemoSeeder.Domain}")).MemberId!;
        var created = await sessions.CreateAsync(new NewSession("Plénière de la salle", SessionKind.Plenary, DateTimeOffset.UtcNow.AddHours(1), "Grande salle", false, "Bien manger",
            bands, ["Accueil"]), facilitator);
        var id = created.Value;
        Assert.True((await sessions.StartAsync(id)).Succeeded);
        if (guestsAllowed)
        {
            Assert.True((await _app.Services.GetRequiredService<FacilitatorActions>().AllowGuestsAsync(id, true)).Ok);
        }
        return (id, await _app.WithDbAsync(db => db.CouncilSessions.Where(s => s.Id == id).Select(s => s.JoinCode!).SingleAsync()));
    }

    private static Task<HttpResponseMessage> JoinAsync(HttpClient phone, string code, string pseudonym) =>
        phone.PostFormAsync("/rejoindre", new Dictionary<string, string> { ["Code"] = code, ["Pseudonym"] = pseudonym });

    [Fact]
    public async Task Forty_five_guests_behind_one_address_all_get_in_within_a_minute()
    {
        var (session, code) = await LiveSessionAsync(guestsAllowed: true);
        for (var i = 1; i <= 45; i++)
        {
            var joined = await JoinAsync(_app.CreateBrowserlessClient(), code, $"Invite{i}");
            Assert.True(joined.StatusCode == HttpStatusCode.Redirect, $"Guest {i} got {(int)joined.StatusCode}");
            Assert.Equal($"/conseil/seances/{session}/participer", joined.Headers.Location!.OriginalString);
        }
        Assert.Equal(45, await _app.WithDbAsync(db => db.Participants.CountAsync(p => p.SessionId == session && p.IsGuest)));
    }

    [Fact]
    public async Task Beside_the_idea_box_a_child_is_given_the_number_for_when_someone_hurts_them_and_an_older_one_each_number_with_what_it_is_for()
    {
        var (children, childrenCode) = await LiveSessionAsync(guestsAllowed: true, AgeBandSet.From7To10);
        var child = _app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(child, childrenCode, "Invite1")).StatusCode);
        var help = (await (await child.GetAsync($"/conseil/seances/{children}/participer")).ParseAsync()).QuerySelector("#idee-secours")!;
        Assert.Contains("quelqu'un te fait du mal, appelle le 119", help.TextContent);
        Assert.NotNull(help.QuerySelector("a[href='tel:119']"));
        Assert.Null(help.QuerySelector("a[href='tel:3114']"));

        var (everyone, everyoneCode) = await LiveSessionAsync(guestsAllowed: true);
        var older = _app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(older, everyoneCode, "Invite2")).StatusCode);
        help = (await (await older.GetAsync($"/conseil/seances/{everyone}/participer")).ParseAsync()).QuerySelector("#idee-secours")!;
        Assert.Contains("En danger\u00a0? Appelle le 119", help.TextContent);
        Assert.Contains("Tu penses à mourir\u00a0? Appelle le 3114", help.TextContent);
    }

    [Fact]
    public async Task Sixty_guests_from_one_address_fill_its_places_in_a_session_and_the_next_one_is_sent_to_the_facilitators()
    {
        var (session, code) = await LiveSessionAsync(guestsAllowed: true);
        for (var i = 1; i <= 60; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(_app.CreateBrowserlessClient(), code, $"Place{i}")).StatusCode);
        }

        // Cookies thrown away make a new phone, not a new place.
        var refused = await (await JoinAsync(_app.CreateBrowserlessClient(), code, "Encore")).ParseAsync();
        Assert.StartsWith("Beaucoup de personnes ont déjà rejoint cette séance depuis ce réseau.", refused.QuerySelector("#erreur-code")!.TextContent);
        Assert.Equal("Encore", refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#pseudo")!.Value);
        Assert.Equal(60, await _app.WithDbAsync(db => db.Participants.CountAsync(p => p.SessionId == session && p.IsGuest)));

        // The places are the session's: the same room gets into the next one.
        var (next, nextCode) = await LiveSessionAsync(guestsAllowed: true);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(_app.CreateBrowserlessClient(), nextCode, "Encore")).StatusCode);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Participants.CountAsync(p => p.SessionId == next && p.IsGuest)));
    }

    [Fact]
    public async Task A_young_member_signed_in_comes_in_with_their_account_and_never_as_a_second_guest()
    {
        var (session, code) = await LiveSessionAsync(guestsAllowed: true);
        var phone = await _app.SignedInClientAsync("Colibri");
        var form = await (await phone.GetAsync("/rejoindre")).ParseAsync();
        Assert.Null(form.QuerySelector("#pseudo"));

        var joined = await JoinAsync(phone, code, "Double");
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/conseil/seances/{session}/participer", joined.Headers.Location!.OriginalString);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Participants.CountAsync(p => p.SessionId == session && p.IsGuest)));

        var wrong = await (await JoinAsync(phone, "ZZZZ99", "Double")).ParseAsync();
        Assert.Contains("aucune séance en cours", wrong.QuerySelector("#erreur-code")!.TextContent);
    }

    [Fact]
    public async Task An_adult_signed_in_is_not_let_in_as_a_guest_voter()
    {
        var (session, code) = await LiveSessionAsync(guestsAllowed: true);
        var parent = await _app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var page = await (await JoinAsync(parent, code, "Adulte")).ParseAsync();
        Assert.StartsWith("Vous êtes connecté·e à un compte d'adulte", page.QuerySelector("#erreur-code")!.TextContent);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Participants.CountAsync(p => p.SessionId == session)));
    }

    [Fact]
    public async Task A_room_waiting_for_the_facilitator_to_let_guests_in_uses_none_of_its_wrong_codes()
    {
        var (session, code) = await LiveSessionAsync(guestsAllowed: false);
        for (var i = 1; i <= 40; i++)
        {
            var early = await (await JoinAsync(_app.CreateBrowserlessClient(), code, $"Impatient{i}")).ParseAsync();
            Assert.Contains("pas encore ouvert", early.QuerySelector("#erreur-code")!.TextContent);
        }
        Assert.True((await _app.Services.GetRequiredService<FacilitatorActions>().AllowGuestsAsync(session, true)).Ok);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(_app.CreateBrowserlessClient(), code, "Enfin")).StatusCode);
    }

    [Fact]
    public async Task Thirty_wrong_codes_from_one_phone_stop_that_phone_for_the_rest_of_the_minute_keeping_what_was_typed()
    {
        var (session, code) = await LiveSessionAsync(guestsAllowed: true);
        var phone = _app.CreateBrowserlessClient();
        for (var i = 0; i < 30; i++)
        {
            var wrong = await JoinAsync(phone, $"ZZZZ{i:00}", "Étoile");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("aucune séance en cours", (await wrong.ParseAsync()).QuerySelector("#erreur-code")!.TextContent);
        }

        // Even the right code is refused on that phone now, or guessing would go on at full speed.
        var refused = await JoinAsync(phone, code, "Étoile");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await refused.ParseAsync();
        var message = page.QuerySelector("#erreur-code")!.TextContent;
        Assert.StartsWith("Trop de codes faux sur ce téléphone. Vérifie le code au tableau et réessaie dans ", message);
        refused.NamedWait(message);
        Assert.Equal("Étoile", page.QuerySelector("input[name=Pseudonym]")!.GetAttribute("value"));
        Assert.Equal(code, page.QuerySelector("input[name=Code]")!.GetAttribute("value"));
        Assert.Equal("Rejoindre une séance", page.QuerySelector("h1")!.TextContent);
        Assert.False(await _app.WithDbAsync(db => db.Participants.AnyAsync(p => p.SessionId == session && p.Pseudonym == "Étoile")));

        // One child's mistakes stop their phone, not the rest of the room on the same Wi-Fi.
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(_app.CreateBrowserlessClient(), code, "Comète")).StatusCode);
    }

    [Fact]
    public async Task A_guesser_who_throws_cookies_away_is_stopped_for_the_whole_address()
    {
        var (session, code) = await LiveSessionAsync(guestsAllowed: true);
        for (var i = 0; i < 100; i++)
        {
            // A fresh client each time: a new phone id, as if the cookie were thrown away.
            var wrong = await JoinAsync(_app.CreateBrowserlessClient(), $"Z{i:00000}", "Devin");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var refused = await JoinAsync(_app.CreateBrowserlessClient(), code, "Devin");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var message = (await refused.ParseAsync()).QuerySelector("#erreur-code")!.TextContent;
        Assert.StartsWith("Trop d'essais depuis ce réseau. Réessaie dans ", message);
        refused.NamedWait(message);
        Assert.False(await _app.WithDbAsync(db => db.Participants.AnyAsync(p => p.SessionId == session && p.Pseudonym == "Devin")));

        // Another network is not concerned.
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(_app.CreateBrowserlessClient(from: "192.0.2.40"), code, "Comète")).StatusCode);
    }

    [Theory]
    [InlineData("0612345678")]
    [InlineData("veux-mourir")]
    public async Task A_guest_pseudonym_with_a_number_or_a_risk_is_refused_kindly_keeping_the_code(string pseudonym)
    {
        var (session, code) = await LiveSessionAsync(guestsAllowed: true);
        var refused = await JoinAsync(_app.CreateBrowserlessClient(), code, pseudonym);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ParseAsync();
        Assert.StartsWith("Choisis un autre pseudo", page.QuerySelector("#erreur-pseudonym")!.TextContent);
        Assert.Equal(code, page.QuerySelector("input[name=Code]")!.GetAttribute("value"));
        Assert.False(await _app.WithDbAsync(db => db.Participants.AnyAsync(p => p.SessionId == session && p.IsGuest)));
    }

    [Theory]
    [InlineData("\u0421\u043Emète")]
    [InlineData("Comète\u3164")]
    [InlineData("\u3164\u3164")]
    [InlineData("Com  ète")]
    public async Task A_guest_pseudonym_of_look_alike_or_blank_letters_is_refused(string pseudonym)
    {
        var (session, code) = await LiveSessionAsync(guestsAllowed: true);
        var refused = await (await JoinAsync(_app.CreateBrowserlessClient(), code, pseudonym)).ParseAsync();
        Assert.StartsWith("Ton pseudo fait de 2 à 20 lettres ou chiffres", refused.QuerySelector("#erreur-pseudonym")!.TextContent);
        Assert.False(await _app.WithDbAsync(db => db.Participants.AnyAsync(p => p.SessionId == session && p.IsGuest)));
    }

    [Fact]
    public async Task A_pseudonym_that_reads_like_one_in_the_room_is_taken()
    {
        var (_, code) = await LiveSessionAsync(guestsAllowed: true);
        var first = await JoinAsync(_app.CreateBrowserlessClient(), code, "Comète");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        foreach (var lookalike in new[] { "Comete", "COMÈTE", "Comètte" })
        {
            var page = await (await JoinAsync(_app.CreateBrowserlessClient(), code, lookalike)).ParseAsync();
            Assert.Equal("Ce pseudo est déjà pris. Choisis-en un autre.", page.QuerySelector("#erreur-pseudonym")!.TextContent);
        }
    }
}
