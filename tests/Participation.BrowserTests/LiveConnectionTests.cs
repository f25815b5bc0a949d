using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Participation.BrowserTests.Infrastructure;
using Participation.Web.Council;
using Participation.Web.Shared;

namespace Participation.BrowserTests;

/// <summary>
/// A phone's live connection when the way to the site misbehaves: its WebSocket is routed through
/// the test, which can fail the room's answer to a join, drop the socket, or hold an answer back,
/// as a Redis fault or a slow network does to a real phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LiveConnectionTests(BrowserFixture browser)
{
    private const char End = '\u001e';
    private const AgeBandSet Everyone = AgeBandSet.From7To10 | AgeBandSet.From11To14 | AgeBandSet.From15To17 | AgeBandSet.From18To25;
    private static readonly NewPoll Snack = new("Quel goûter préfères-tu ?", PollKind.SingleChoice, ["🍎 Fruits", "🍰 Gâteau", "🍞 Tartines"]);

    /// <summary>The phone's socket as the test routes it: what it does to the next join, and to answers from the site.</summary>
    private sealed class Wire
    {
        private IWebSocketRoute? _phone;
        private string? _failNext;
        private int _closeAfterFailing;
        private int _holdNextAnswer;

        public int Sockets;

        /// <summary>The next call of <paramref name="method"/> is answered with an error, as when the site cannot store it for a moment.</summary>
        public void FailNext(string method, bool thenClose = false)
        {
            Volatile.Write(ref _closeAfterFailing, thenClose ? 1 : 0);
            Volatile.Write(ref _failNext, method);
        }

        public void HoldNextAnswer() => Volatile.Write(ref _holdNextAnswer, 1);

        /// <summary>The socket drops, as on a Wi-Fi that blinks: the page's client reconnects by itself.</summary>
        public Task DropAsync() => Volatile.Read(ref _phone)!.CloseAsync();

        public void Route(IWebSocketRoute phone)
        {
            Interlocked.Increment(ref Sockets);
            Volatile.Write(ref _phone, phone);
            var site = phone.ConnectToServer();
            phone.OnMessage(frame =>
            {
                foreach (var message in (frame.Text ?? "").Split(End, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (Volatile.Read(ref _failNext) is { } failing && message.Contains($"\"target\":\"{failing}\"", StringComparison.Ordinal)
                        && Interlocked.CompareExchange(ref _failNext, null, failing) == failing)
                    {
                        // What the phone hears when the site cannot do it: the call's answer is an error.
                        phone.Send($$"""{"type":3,"invocationId":"{{InvocationId().Match(message).Groups[1].Value}}","error":"Le serveur ne répond pas."}""" + End);
                        if (Volatile.Read(ref _closeAfterFailing) == 1)
                        {
                            _ = Task.Delay(200).ContinueWith(_ => phone.CloseAsync(), TaskScheduler.Default);
                        }
                        continue;
                    }
                    site.Send(message + End);
                }
            });
            site.OnMessage(frame =>
            {
                foreach (var message in (frame.Text ?? "").Split(End, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (message.Contains("\"type\":3", StringComparison.Ordinal) && Interlocked.Exchange(ref _holdNextAnswer, 0) == 1)
                    {
                        _ = Task.Delay(1500).ContinueWith(_ => phone.Send(message + End), TaskScheduler.Default);
                        continue;
                    }
                    phone.Send(message + End);
                }
            });
        }
    }

    [GeneratedRegex("\"invocationId\":\"([^\"]+)\"")]
    private static partial Regex InvocationId();

    private async Task<(IPage Phone, Wire Wire, StartedSession Session)> JoinAsync(string title)
    {
        var session = await browser.Site.StartAsync(title, Everyone, Snack);
        var console = await browser.ConsoleAsync(session);
        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quel goûter préfères-tu ?" }).ClickAsync();
        await console.Context.CloseAsync();

        var wire = new Wire();
        var phone = await (await browser.Chromium.NewContextAsync(360)).NewPageAsync();
        await phone.RouteWebSocketAsync(new Regex("/hubs/council"), wire.Route);
        await phone.GotoAsync(browser.Site.BaseUrl + "/rejoindre");
        await phone.GetByLabel("Code de la séance").FillAsync(session.Code);
        await phone.GetByLabel("Mon pseudo").FillAsync("Mouette");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Entrer dans la séance" }).ClickAsync();
        await phone.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        await Assertions.Expect(phone.Locator("#moment-titre")).ToHaveTextAsync("Quel goûter préfères-tu ?");
        // Every state the phone shows from now on, in order.
        await phone.EvaluateAsync("""
            () => {
              window.states = [];
              const etat = document.getElementById("etat");
              new MutationObserver(() => window.states.push(etat.textContent.trim())).observe(etat, { childList: true, characterData: true, subtree: true });
            }
            """);
        return (phone, wire, session);
    }

    [Fact]
    public async Task A_phone_whose_join_fails_after_a_reconnection_tries_again_and_then_stays_live()
    {
        var (phone, wire, session) = await JoinAsync("Plénière au Wi-Fi capricieux");

        // The socket drops; back, the room fails to take the phone once: it tries again by itself.
        wire.FailNext("Join");
        await wire.DropAsync();
        await Assertions.Expect(phone.Locator("#etat")).ToContainTextAsync("Connexion perdue");
        await Assertions.Expect(phone.Locator("#etat")).ToContainTextAsync("En direct", new() { Timeout = 15_000 });
        Assert.Equal(2, wire.Sockets);

        // Again, and this time the socket drops right after the failed join too: the phone comes back
        // once, and does not go on saying the connection is lost while it is live.
        wire.FailNext("Join", thenClose: true);
        await wire.DropAsync();
        await Assertions.Expect(phone.Locator("#etat")).ToContainTextAsync("Connexion perdue");
        await Assertions.Expect(phone.Locator("#etat")).ToContainTextAsync("En direct", new() { Timeout = 15_000 });
        await phone.EvaluateAsync("() => { window.states = []; }");
        await phone.WaitForTimeoutAsync(8000);
        Assert.Empty(await phone.EvaluateAsync<string[]>("() => window.states.filter((s) => !s.includes('En direct'))"));
        await Assertions.Expect(phone.Locator("#etat")).ToContainTextAsync("En direct");

        // And the room has it: its vote is stored and noted.
        await phone.GetByText("Gâteau").ClickAsync();
        await Assertions.Expect(phone.Locator(".noted-mark")).ToBeVisibleAsync();
        Assert.Equal(1, await browser.Site.WithDbAsync(db => db.Ballots.CountAsync(b => b.PollId == session.Polls[0])));
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task A_vote_tapped_while_an_idea_is_on_its_way_is_sent_once_the_idea_is()
    {
        var (phone, wire, session) = await JoinAsync("Plénière au réseau lent");

        // The idea's answer takes a second and a half to come back; the vote is tapped meanwhile.
        wire.HoldNextAnswer();
        await phone.GetByLabel("Mon idée").FillAsync("Des crêpes le dimanche");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon idée" }).ClickAsync();
        await phone.GetByText("Tartines").ClickAsync();

        await Assertions.Expect(phone.Locator("#idee-retour")).ToContainTextAsync("Merci", new() { Timeout = 10_000 });
        await Assertions.Expect(phone.Locator(".noted-mark")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var tartines = await browser.Site.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == session.Polls[0] && o.Label == "🍞 Tartines").Select(o => o.Id).SingleAsync());
        Assert.Equal([$"{tartines}"], await browser.Site.WithDbAsync(db => db.Ballots.Where(b => b.PollId == session.Polls[0]).Select(b => b.Choice).ToListAsync()));
        Assert.Equal(1, await browser.Site.WithDbAsync(db => db.Ideas.CountAsync(i => i.SessionId == session.Id)));
        await Assertions.Expect(phone.Locator("#vote-retour")).Not.ToContainTextAsync("lente");
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task An_idea_or_a_vote_the_site_fails_to_store_for_a_moment_is_sent_again_by_itself()
    {
        var (phone, wire, session) = await JoinAsync("Plénière à la base de données fatiguée");

        wire.FailNext("PostIdea");
        await phone.GetByLabel("Mon idée").FillAsync("Un baby-foot dans la salle commune");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon idée" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#idee-retour")).ToContainTextAsync("Merci", new() { Timeout = 10_000 });
        Assert.Equal(1, await browser.Site.WithDbAsync(db => db.Ideas.CountAsync(i => i.SessionId == session.Id)));

        wire.FailNext("Vote");
        await phone.GetByText("Fruits").ClickAsync();
        await Assertions.Expect(phone.Locator(".noted-mark")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Equal(1, await browser.Site.WithDbAsync(db => db.Ballots.CountAsync(b => b.PollId == session.Polls[0])));
        // The connection stayed up all along.
        Assert.Equal(1, wire.Sockets);
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task A_vote_tapped_while_an_idea_waits_for_the_room_s_pace_goes_at_once()
    {
        var (phone, wire, session) = await JoinAsync("Plénière aux idées pressées");
        await phone.GetByLabel("Mon idée").FillAsync("Des crêpes le dimanche");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon idée" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#idee-retour")).ToContainTextAsync("Merci");

        // A second idea right after: the room takes one every ten seconds. The vote is tapped while it is on its way.
        wire.HoldNextAnswer();
        await phone.GetByLabel("Mon idée").FillAsync("Et des gaufres le mercredi");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon idée" }).ClickAsync();
        await phone.GetByText("Gâteau").ClickAsync();

        await Assertions.Expect(phone.Locator("#idee-retour")).ToContainTextAsync("toutes les dix secondes");
        await Assertions.Expect(phone.Locator(".noted-mark")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        Assert.Equal(1, await browser.Site.WithDbAsync(db => db.Ballots.CountAsync(b => b.PollId == session.Polls[0])));
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task After_a_reload_the_phone_shows_the_choice_it_kept_not_the_one_the_room_had()
    {
        var (phone, wire, session) = await JoinAsync("Plénière rechargée");
        await phone.GetByText("Fruits").ClickAsync();
        await Assertions.Expect(phone.Locator(".noted-mark")).ToBeVisibleAsync();

        // The new choice cannot be stored for now; the page is reloaded before it could be sent.
        wire.FailNext("Vote");
        await phone.GetByText("Tartines").ClickAsync();
        await Assertions.Expect(phone.Locator(".noted")).ToHaveCountAsync(0);
        await phone.ReloadAsync();

        await Assertions.Expect(phone.Locator(".noted-mark")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(phone.GetByRole(AriaRole.Radio, new() { Name = "Tartines" })).ToBeCheckedAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Radio, new() { Name = "Fruits" })).Not.ToBeCheckedAsync();
        var tartines = await browser.Site.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == session.Polls[0] && o.Label == "🍞 Tartines").Select(o => o.Id).SingleAsync());
        Assert.Equal([$"{tartines}"], await browser.Site.WithDbAsync(db => db.Ballots.Where(b => b.PollId == session.Polls[0]).Select(b => b.Choice).ToListAsync()));
        await phone.Context.CloseAsync();
    }
}
