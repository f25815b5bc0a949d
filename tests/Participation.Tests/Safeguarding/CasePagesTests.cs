using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Council;
using Participation.Web.Demo;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Tests.Safeguarding;

/// <summary>The urgent queue and the case record, through the real host: who reaches them, and what they record.</summary>
public sealed class CasePagesTests : IDisposable
{
    private readonly ParticipationApp _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly string Moderator = $"moderation@{DemoSeeder.Domain}";

    /// <summary>A live 18–25 session where Baobab's risky idea has just been held.</summary>
    private async Task<(int Session, int Idea, int Case)> HeldIdeaAsync()
    {
        int session;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
            var facilitator = (await _app.ActorAsync($"animation@{DemoSeeder.Domain}")).MemberId!;
            var created = await sessions.CreateAsync(new NewSession("Plénière des majeurs", SessionKind.Plenary, DateTimeOffset.UtcNow.AddHours(1), "Salle", false, "Bien manger",
                AgeBandSet.From18To25, ["Accueil"]), facilitator);
            session = created.Value;
            Assert.True((await sessions.StartAsync(session)).Succeeded);
        }
        var room = _app.Services.GetRequiredService<ParticipantActions>();
        var baobab = await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "Baobab").Select(u => u.Id).SingleAsync());
        var participant = await _app.WithDbAsync(async db =>
        {
            var p = new Participant { SessionId = session, MemberId = baobab, Pseudonym = "Baobab", AgeBand = AgeBand.From18To25, JoinedAt = DateTimeOffset.UtcNow };
            db.Participants.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        var ack = await room.PostIdeaAsync(session, participant, "Je veux me foutre en l'air, personne ne m'aide au foyer");
        Assert.True(ack.Help, ack.Message);
        var idea = await _app.WithDbAsync(db => db.Ideas.Where(i => i.SessionId == session).Select(i => i.Id).SingleAsync());
        var safetyCase = await _app.WithDbAsync(db => db.SafetyCases.Where(c => c.Channel == SafetyChannel.CouncilIdea && c.SourceId == idea.ToString()).Select(c => c.Id).SingleAsync());
        return (session, idea, safetyCase);
    }

    public static TheoryData<string, string> Handlers() => new()
    {
        { "GET", "/pilotage/vigilance/urgences" },
        { "GET", "/pilotage/vigilance/cas/{id}" },
        { "POST", "/pilotage/vigilance/cas/{id}?handler=Act" },
        { "POST", "/pilotage/vigilance/cas/{id}?handler=RevealName" },
    };

    [Fact]
    public async Task Only_moderators_and_administrators_reach_the_queue_and_the_cases_on_every_handler()
    {
        var (_, _, id) = await HeldIdeaAsync();
        foreach (var (login, role, _) in DemoSeeder.Logins)
        {
            var client = await _app.SignedInClientAsync(login);
            foreach (var (method, pattern) in Handlers().Select(row => ((string)row[0], (string)row[1])))
            {
                var url = pattern.Replace("{id}", id.ToString());
                var response = method == "GET"
                    ? await client.GetAsync(url)
                    : await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Kind"] = "FalseAlarm", ["Reason"] = "essai", ["NameReason"] = "essai" }));
                if (role is Roles.Moderator or Roles.Admin)
                {
                    // A post without its antiforgery token is refused before the handler; the pages themselves open.
                    Assert.True(method == "POST" ? response.StatusCode == HttpStatusCode.BadRequest : response.StatusCode == HttpStatusCode.OK, $"{login} {method} {url}: {(int)response.StatusCode}");
                }
                else
                {
                    Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{login} {method} {url}: {(int)response.StatusCode}");
                    if (response.StatusCode == HttpStatusCode.Redirect)
                    {
                        Assert.StartsWith("http://localhost/compte/acces-refuse", response.Headers.Location!.ToString());
                    }
                }
            }
        }
        var visitor = await _app.CreateBrowserlessClient().GetAsync($"/pilotage/vigilance/cas/{id}");
        Assert.StartsWith("http://localhost/compte/connexion", visitor.Headers.Location!.ToString());
        // Nothing was recorded by any of them.
        Assert.Equal(0, await _app.WithDbAsync(db => db.CaseActions.CountAsync(a => a.CaseId == id)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.RealNameViews.CountAsync(v => v.CaseId == id)));
    }

    [Fact]
    public async Task A_young_member_posting_the_form_with_a_token_is_still_refused()
    {
        var (_, _, id) = await HeldIdeaAsync();
        var moderatorPage = await (await _app.SignedInClientAsync(Moderator)).GetDocumentAsync($"/pilotage/vigilance/cas/{id}");
        Assert.NotNull(moderatorPage.QuerySelector("form"));
        var young = await _app.SignedInClientAsync("Faucon");
        var response = await young.GetAsync($"/pilotage/vigilance/cas/{id}");
        Assert.StartsWith("http://localhost/compte/acces-refuse", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_queue_and_the_case_give_times_on_the_départements_clock_whatever_the_server_s()
    {
        var (_, _, id) = await HeldIdeaAsync();
        // 17:29 UTC on a winter evening is 18h29 in Paris.
        await _app.WithDbAsync(db => db.SafetyCases.Where(c => c.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.FlaggedAt, new DateTimeOffset(2026, 12, 4, 17, 29, 0, TimeSpan.Zero))));
        var moderator = await _app.SignedInClientAsync(Moderator);
        var queue = await moderator.GetDocumentAsync("/pilotage/vigilance/urgences");
        Assert.Contains("vendredi 4 décembre 2026 à 18h29", queue.QuerySelector($"[data-case='{id}'] time")!.TextContent);
        var page = await moderator.GetDocumentAsync($"/pilotage/vigilance/cas/{id}");
        Assert.Contains("vendredi 4 décembre 2026 à 18h29", page.Text());
    }

    [Fact]
    public async Task The_header_counts_unopened_cases_until_a_moderator_opens_one_and_the_first_look_is_recorded()
    {
        var (_, _, id) = await HeldIdeaAsync();
        var moderator = await _app.SignedInClientAsync(Moderator);
        var home = await moderator.GetDocumentAsync("/");
        Assert.Contains("1 cas non ouvert", home.QuerySelector(".urgent-link")!.TextContent);
        var queue = await moderator.GetDocumentAsync("/pilotage/vigilance/urgences");
        Assert.Contains("pas encore ouvert", queue.QuerySelector($"[data-case='{id}']")!.TextContent);
        Assert.Null((await (await _app.SignedInClientAsync("Faucon")).GetDocumentAsync("/")).QuerySelector(".urgent-link"));

        var page = await moderator.GetDocumentAsync($"/pilotage/vigilance/cas/{id}");
        Assert.Contains("Je veux me foutre en l'air", page.QuerySelector(".case-text")!.TextContent);
        Assert.Contains("suicide", page.Text());
        var seen = await _app.WithDbAsync(db => db.SafetyCases.SingleAsync(c => c.Id == id));
        Assert.NotNull(seen.FirstSeenAt);
        Assert.Equal((await _app.ActorAsync(Moderator)).MemberId, seen.FirstSeenById);

        // A second look, by someone else, does not change who looked first.
        await (await _app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}")).GetDocumentAsync($"/pilotage/vigilance/cas/{id}");
        Assert.Equal(seen.FirstSeenById, await _app.WithDbAsync(db => db.SafetyCases.Where(c => c.Id == id).Select(c => c.FirstSeenById).SingleAsync()));
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Null((await moderator.GetDocumentAsync("/")).QuerySelector(".urgent-link .badge"));
    }

    [Fact]
    public async Task An_action_needs_a_reason_and_publishing_after_all_puts_the_idea_back_where_it_was_written()
    {
        var (session, idea, id) = await HeldIdeaAsync();
        var moderator = await _app.SignedInClientAsync(Moderator);
        var url = $"/pilotage/vigilance/cas/{id}";

        var missing = await (await moderator.PostFormAsync(url, new Dictionary<string, string> { ["Kind"] = "Published", ["Reason"] = " " }, formIndex: 0)).ParseAsync();
        Assert.Contains("Écrivez en une phrase pourquoi", missing.QuerySelector("#erreur-reason")!.TextContent);
        Assert.Equal(0, await _app.WithDbAsync(db => db.CaseActions.CountAsync(a => a.CaseId == id)));
        Assert.Equal(IdeaStatus.HeldForSafety, await _app.WithDbAsync(db => db.Ideas.Where(i => i.Id == idea).Select(i => i.Status).SingleAsync()));

        var done = await moderator.PostFormAsync(url, new Dictionary<string, string> { ["Kind"] = "Published", ["Reason"] = "Expression d'un ras-le-bol, vu avec l'éducatrice" }, formIndex: 0);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        // The session reads ideas before the wall: the released idea joins the facilitators' queue, like any other.
        Assert.Equal(IdeaStatus.Pending, await _app.WithDbAsync(db => db.Ideas.Where(i => i.Id == idea).Select(i => i.Status).SingleAsync()));
        var closed = await _app.WithDbAsync(db => db.SafetyCases.Include(c => c.Actions).SingleAsync(c => c.Id == id));
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.NotNull(closed.FirstActionAt);
        Assert.Equal(CaseActionKind.Published, closed.Actions.Single().Kind);
        Assert.Contains("Publié finalement", (await moderator.GetDocumentAsync(url)).QuerySelector(".case-actions")!.TextContent);

        // Without pre-moderation, a released idea goes straight to the wall, once, whoever releases it twice.
        Assert.True((await _app.Services.GetRequiredService<FacilitatorActions>().SetPreModerationAsync(session, false)).Ok);
        var participant = await _app.WithDbAsync(async db =>
        {
            var p = new Participant { SessionId = session, Pseudonym = "Héron", AgeBand = AgeBand.From18To25, JoinedAt = DateTimeOffset.UtcNow };
            db.Participants.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        Assert.True((await _app.Services.GetRequiredService<ParticipantActions>().PostIdeaAsync(session, participant, "Je vais me tuer si on me change encore de foyer")).Help);
        var second = await _app.WithDbAsync(db => db.Ideas.Where(i => i.SessionId == session && i.Status == IdeaStatus.HeldForSafety).Select(i => i.Id).SingleAsync());
        var secondCase = await _app.WithDbAsync(db => db.SafetyCases.Where(c => c.Channel == SafetyChannel.CouncilIdea && c.SourceId == second.ToString()).Select(c => c.Id).SingleAsync());
        var channel = _app.Services.CreateScope().ServiceProvider.GetServices<IHeldTextChannel>().Single(c => c.Channel == SafetyChannel.CouncilIdea);
        Assert.True(await channel.PublishAsync(second.ToString()));
        Assert.True(await channel.PublishAsync(second.ToString()));
        Assert.Equal(IdeaStatus.Approved, await _app.WithDbAsync(db => db.Ideas.Where(i => i.Id == second).Select(i => i.Status).SingleAsync()));
        Assert.True(secondCase > id);
    }

    [Fact]
    public async Task A_console_opened_after_the_idea_was_held_still_tells_the_adult_in_the_room_until_it_is_released()
    {
        var (session, idea, id) = await HeldIdeaAsync();
        var facilitator = await _app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var console = await facilitator.GetDocumentAsync($"/conseil/seances/{session}/console");
        var notice = console.QuerySelector("#securite")!;
        Assert.False(notice.HasAttribute("hidden"));
        Assert.Contains("une idée de Baobab a été mise de côté pour sa sécurité", notice.TextContent);
        Assert.DoesNotContain("foutre en l'air", console.Body!.TextContent);

        var moderator = await _app.SignedInClientAsync(Moderator);
        var url = $"/pilotage/vigilance/cas/{id}";
        await moderator.GetDocumentAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostFormAsync(url, new Dictionary<string, string> { ["Kind"] = "Published", ["Reason"] = "Vu avec lui : il allait bien." }, formIndex: 0)).StatusCode);
        Assert.True((await facilitator.GetDocumentAsync($"/conseil/seances/{session}/console")).QuerySelector("#securite")!.HasAttribute("hidden"));
        Assert.NotEqual(IdeaStatus.HeldForSafety, await _app.WithDbAsync(db => db.Ideas.Where(i => i.Id == idea).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_real_name_is_shown_only_with_a_reason_and_each_look_is_logged()
    {
        var (_, _, id) = await HeldIdeaAsync();
        var moderator = await _app.SignedInClientAsync(Moderator);
        var url = $"/pilotage/vigilance/cas/{id}";
        var real = await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "Baobab").Select(u => u.RealName).SingleAsync());

        var page = await moderator.GetDocumentAsync(url);
        Assert.DoesNotContain(real ?? "(aucun nom réel", page.Text());
        var refused = await (await moderator.PostFormAsync(url, new Dictionary<string, string> { ["NameReason"] = "" }, formIndex: 1)).ParseAsync();
        Assert.Contains("Dites pourquoi", refused.QuerySelector("#erreur-namereason")!.TextContent);
        Assert.Equal(0, await _app.WithDbAsync(db => db.RealNameViews.CountAsync(v => v.CaseId == id)));

        var shown = await (await moderator.PostFormAsync(url, new Dictionary<string, string> { ["NameReason"] = "Information préoccupante à la CRIP" }, formIndex: 1)).ParseAsync();
        Assert.Contains(real ?? "(aucun nom réel", shown.QuerySelector(".notice")!.TextContent);
        var view = await _app.WithDbAsync(db => db.RealNameViews.SingleAsync(v => v.CaseId == id));
        Assert.Equal("Information préoccupante à la CRIP", view.Reason);
        Assert.Equal((await _app.ActorAsync(Moderator)).MemberId, view.ById);
    }

    [Fact]
    public async Task Moderators_with_the_queue_open_see_a_case_arrive_live_and_others_cannot_listen()
    {
        _app.CreateClient();
        var arrived = new ConcurrentQueue<CaseSummary>();
        var moderator = await ListenAsync(Moderator);
        moderator.On<CaseSummary>(nameof(ICaseClient.CaseOpened), arrived.Enqueue);
        await moderator.StartAsync();

        await Assert.ThrowsAnyAsync<Exception>(async () => await (await ListenAsync("Faucon")).StartAsync());

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (_, _, id) = await HeldIdeaAsync();
        while (arrived.IsEmpty && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }
        var summary = Assert.Single(arrived);
        Assert.Equal(id, summary.Id);
        Assert.Contains("suicide", summary.Categories);
        Assert.False(summary.Seen);
        await moderator.DisposeAsync();
    }

    [Fact]
    public async Task An_open_queue_is_closed_as_soon_as_its_moderator_signs_out()
    {
        _app.CreateClient();
        var (queue, browser) = await ListenWithBrowserAsync(Moderator);
        var closed = new TaskCompletionSource();
        queue.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await queue.StartAsync();
        var listeners = _app.Services.GetRequiredService<CaseListeners>();
        Assert.Equal(0, await listeners.CloseExpiredAsync());

        // Signing out anywhere ends the account's session: the queue left open stops receiving cases.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/compte/deconnexion", new Dictionary<string, string>(), formIndex: 0)).StatusCode);
        Assert.Equal(0, listeners.Count);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await listeners.CloseExpiredAsync());
    }

    private async Task<HubConnection> ListenAsync(string login) => (await ListenWithBrowserAsync(login)).Queue;

    private async Task<(HubConnection Queue, HttpClient Browser)> ListenWithBrowserAsync(string login)
    {
        var cookies = new CookieContainerHandler();
        var client = _app.CreateDefaultClient(new Uri("http://localhost"), cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(login)).StatusCode);
        return (_app.Hub(CaseHub.Path, cookies), client);
    }
}
