using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Participation.BrowserTests.Infrastructure;
using Participation.Web.Council;
using Xunit.Abstractions;
using Participation.Web.Shared;

namespace Participation.BrowserTests;

/// <summary>The live council as a real room meets it: forty phones on one Wi-Fi, a projector, a console, a child voting alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveRoomTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const AgeBandSet Everyone = AgeBandSet.From7To10 | AgeBandSet.From11To14 | AgeBandSet.From15To17 | AgeBandSet.From18To25;

    private static readonly NewPoll Snack = new("Quel goûter préfères-tu ?", PollKind.SingleChoice, ["🍎 Fruits", "🍰 Gâteau", "🍞 Tartines", "🥛 Yaourt"]);

    [Fact]
    public async Task A_room_of_forty_joins_from_one_address_and_votes_and_the_console_and_projector_fit_their_screens()
    {
        var audit = new PageAudit();
        var session = await browser.Site.StartAsync("Plénière des quarante", Everyone, Snack);
        var console = await browser.ConsoleAsync(session);
        var projector = await console.ProjectorAsync(session);
        Assert.Equal(session.Code, await projector.Locator("#code").InnerTextAsync());
        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quel goûter préfères-tu ?" }).ClickAsync();
        // The phones vote once the room has the poll, as a person would: when the console shows it open.
        await Assertions.Expect(console.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" })).ToBeEnabledAsync();
        var options = await browser.Site.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == session.Polls[0]).OrderBy(o => o.Position).Select(o => o.Id).ToListAsync());

        // Forty phones behind one address, with the limits as shipped: each types the code, connects and votes as it arrives.
        var guests = Enumerable.Range(1, 40).Select(_ => new RoomGuest(browser.Site.BaseUrl)).ToList();
        var refused = new ConcurrentBag<string>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(guests.Select((g, i) => (g, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (guest, _) =>
        {
            var (joined, answer) = await guest.g.JoinAsync(session.Code, $"Lynx-{guest.i + 1}");
            if (!joined)
            {
                refused.Add(answer[..Math.Min(200, answer.Length)]);
                return;
            }
            var hub = await guest.g.ConnectAsync();
            var join = await hub.InvokeAsync<Ack>(nameof(CouncilHub.Join), session.Id);
            var vote = await hub.InvokeAsync<Ack>(nameof(CouncilHub.Vote), session.Polls[0], $"{options[guest.i % options.Count]}");
            if (!join.Ok || !vote.Ok)
            {
                refused.Add($"{join.Message} {vote.Message}");
            }
        });
        output.WriteLine($"40 guests joined and voted in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.Empty(refused);

        await Assertions.Expect(console.Locator("#progression")).ToContainTextAsync("40/40 ont voté", new() { Timeout = 15_000 });
        await Assertions.Expect(projector.Locator("#bulletins")).ToHaveTextAsync("40/40 ont voté");
        // The room sees the choices, never how the votes lean before the facilitator reveals them.
        Assert.Equal(0, await projector.Locator("#barres .result-list").CountAsync());
        Assert.Equal(options.Count, await projector.Locator("#barres .projector-choices li").CountAsync());

        // A dozen ideas arrive; the facilitator approves them one tap each.
        for (var i = 0; i < 12; i++)
        {
            var ack = await guests[i].Hub!.InvokeAsync<Ack>(nameof(CouncilHub.PostIdea), $"Idée numéro {i + 1} : un goûter préparé ensemble le mercredi, avec des fruits de saison et du pain frais", null);
            Assert.True(ack.Ok, ack.Message);
        }
        await Assertions.Expect(console.Locator("#file li[data-idea]")).ToHaveCountAsync(12, new() { Timeout = 15_000 });
        await console.GetByRole(AriaRole.Button, new() { Name = "3 min" }).ClickAsync();
        await console.AssertFitsAsync("The console with 40 people and 12 ideas waiting", everyElement: false);
        await audit.AuditAsync(console, "Animateur·rice", "console-salle-40");
        for (var left = 12; left > 0; left--)
        {
            await console.Locator("#file li[data-idea]").First.GetByRole(AriaRole.Button, new() { NameRegex = new("^Publier") }).ClickAsync();
            await Assertions.Expect(console.Locator("#file li[data-idea]")).ToHaveCountAsync(left - 1);
        }
        await Assertions.Expect(projector.Locator("#idees li")).Not.ToHaveCountAsync(0);
        // Twelve long ideas do not fit beside the vote: they come page by page, several to a page, never cut.
        await Assertions.Expect(projector.Locator("#idees-page")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[1-6]/[2-6]$"), new() { Timeout = 15_000 });
        Assert.True(await projector.Locator("#idees li").CountAsync() >= 2);

        // The countdown reads from the back of the room: at least 7:1.
        await projector.Locator("#minuteur:not([hidden])").WaitForAsync();
        var contrast = await projector.EvaluateAsync<double>(ContrastScript, "#minuteur");
        Assert.True(contrast >= 7, $"The countdown's contrast is {contrast:0.0}:1");

        await console.AssertFitsAsync("The console with 40 people", everyElement: false);
        await projector.AssertFitsAsync("The projector during the vote");
        await audit.AuditAsync(projector, "Animateur·rice", "projecteur-salle-40");

        // Closing, then revealing: the result reaches the projector only now, and fits at every 16:9 size.
        await console.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();
        await Assertions.Expect(projector.Locator("#bulletins")).ToContainTextAsync("Vote terminé");
        // The room sees the choices, never how the votes lean before the facilitator reveals them.
        Assert.Equal(0, await projector.Locator("#barres .result-list").CountAsync());
        Assert.Equal(options.Count, await projector.Locator("#barres .projector-choices li").CountAsync());
        await console.GetByRole(AriaRole.Button, new() { Name = "Afficher les résultats" }).ClickAsync();
        await Assertions.Expect(projector.Locator("#barres li")).ToHaveCountAsync(4);
        await Assertions.Expect(projector.Locator("#bulletins")).ToContainTextAsync("40\u00a0votes");
        var sizes = new Dictionary<int, double>();
        foreach (var (width, height) in new[] { (1280, 720), (1920, 1080), (3840, 2160) })
        {
            await projector.SetViewportSizeAsync(width, height);
            await projector.WaitForTimeoutAsync(400);
            await projector.AssertFitsAsync("The projector showing the result");
            sizes[width] = await projector.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.getElementById('question')).fontSize)");
            await audit.AuditAsync(projector, "Animateur·rice", $"projecteur-resultat-{height}p");
        }
        Assert.True(sizes[3840] > 2.8 * sizes[1280], $"The question's text does not grow with the screen: {string.Join(", ", sizes.Select(s => $"{s.Key}px → {s.Value:0}px"))}");

        foreach (var guest in guests)
        {
            await guest.DisposeAsync();
        }
        await console.Context.CloseAsync();
        await audit.AssertCleanAsync();
    }

    [Fact]
    public async Task A_child_of_eight_votes_on_picture_cards_and_with_faces_using_the_keyboard_alone()
    {
        var audit = new PageAudit();
        var session = await browser.Site.StartAsync("Conseil des petits", AgeBandSet.From7To10,
            new NewPoll("Quel goûter ?", PollKind.SingleChoice, ["🍎 Fruits", "🍰 Gâteau", "🍞 Tartines"]),
            new NewPoll("Que penses-tu des repas ?", PollKind.MajorityJudgment, ["🍝 Midi", "🍲 Soir"]));
        var console = await browser.ConsoleAsync(session);
        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quel goûter ?" }).ClickAsync();

        var child = await browser.SignedInPageAsync("Colibri");
        await child.AddInitScriptAsync(SpeechRecorder);
        await child.GotoAsync(session.Url(browser.Site.BaseUrl) + "/participer");
        await Assertions.Expect(child.Locator("#moment-titre")).ToHaveTextAsync("Quel goûter ?");
        Assert.DoesNotContain("·", await child.Locator("body").InnerTextAsync());
        Assert.Equal(3, await child.Locator(".tile-picture").CountAsync());

        await child.TabToAsync(".read-aloud");
        await child.Keyboard.PressAsync("Enter");
        Assert.Equal(["Quel goûter\u00A0?. Fruits, Gâteau, Tartines."], await child.EvaluateAsync<string[]>("() => window.spoken"));

        // Into the radio group, a choice with the space bar, another with an arrow: the last one counts.
        await child.TabToAsync("input[type=radio]");
        await child.Keyboard.PressAsync("Space");
        await child.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(child.Locator(".noted-mark")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(child.Locator("input[type=radio]:checked + label")).ToContainTextAsync("Gâteau");
        var gateau = await browser.Site.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == session.Polls[0] && o.Label == "🍰 Gâteau").Select(o => o.Id).SingleAsync());
        await Eventually(async () => await browser.Site.WithDbAsync(db => db.Ballots.Where(b => b.PollId == session.Polls[0]).Select(b => b.Choice).ToListAsync()) is [var only] && only == $"{gateau}");
        await audit.AuditAsync(child, "Jeune 7-10", "vote-images");

        // Majority judgment, one option per screen, as a row of faces with words.
        await console.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Que penses-tu des repas ?" }).ClickAsync();
        await Assertions.Expect(child.Locator(".judgment-option")).ToContainTextAsync("Midi (1 sur 2)");
        Assert.Equal(0, await child.Locator("select").CountAsync());
        Assert.Equal(7, await child.Locator(".tiles-faces .tile").CountAsync());
        await audit.AuditAsync(child, "Jeune 7-10", "jugement-visages");
        await child.TabToAsync(".tiles-faces input[type=radio]");
        await child.Keyboard.PressAsync("Space");
        await child.Keyboard.PressAsync("ArrowRight");
        await child.TabToAsync("#suivant");
        await child.Keyboard.PressAsync("Enter");
        await Assertions.Expect(child.Locator(".judgment-option")).ToContainTextAsync("Soir (2 sur 2)");
        await child.Keyboard.PressAsync("Space");
        await child.TabToAsync("#voter");
        await child.Keyboard.PressAsync("Enter");
        await Assertions.Expect(child.Locator(".noted-mark")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var judged = await browser.Site.WithDbAsync(db => db.Ballots.Where(b => b.PollId == session.Polls[1]).Select(b => b.Choice).SingleAsync());
        var meals = await browser.Site.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == session.Polls[1]).OrderBy(o => o.Position).Select(o => o.Id).ToListAsync());
        // The faces run from the saddest to the happiest, as on the emoji scale: the first is the lowest grade.
        Assert.Equal($"{meals[0]}:5,{meals[1]}:6", judged);
        await audit.AuditAsync(child, "Jeune 7-10", "jugement-note");

        await console.Context.CloseAsync();
        await child.Context.CloseAsync();
        await audit.AssertCleanAsync();
    }

    [Fact]
    public async Task Every_kind_of_poll_on_the_phone_passes_axe_and_is_announced_to_screen_readers()
    {
        var audit = new PageAudit();
        var session = await browser.Site.StartAsync("Groupe des ados", Everyone,
            Snack,
            new NewPoll("Quelles sorties ?", PollKind.MultipleChoice, ["Cinéma", "Piscine", "Concert"]),
            new NewPoll("Le repas du soir ?", PollKind.EmojiScale, []),
            new NewPoll("Classe ces activités", PollKind.Ranking, ["Sport", "Musique", "Cuisine"]),
            new NewPoll("Que penses-tu des repas ?", PollKind.MajorityJudgment, ["Midi", "Soir"]));
        var console = await browser.ConsoleAsync(session);
        var teen = await browser.SignedInPageAsync("Faucon");
        await teen.AddInitScriptAsync("window.vibrated = []; Object.defineProperty(navigator, 'vibrate', { value: (pattern) => { window.vibrated.push(pattern); return true; } });");
        await teen.GotoAsync(session.Url(browser.Site.BaseUrl) + "/participer");
        await teen.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        await audit.AuditAsync(teen, "Jeune 15-17", "attente");

        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quel goûter préfères-tu ?" }).ClickAsync();
        var group = teen.GetByRole(AriaRole.Radiogroup, new() { Name = "Quel goûter préfères-tu ?" });
        await Assertions.Expect(group.GetByRole(AriaRole.Radio)).ToHaveCountAsync(4);
        Assert.Contains("Nouveau vote", await teen.Locator("#annonce[aria-live=polite]").InnerTextAsync());
        Assert.Equal(1, await teen.EvaluateAsync<int>("() => window.vibrated.length"));
        await audit.AuditAsync(teen, "Jeune 15-17", "vote-un-choix");
        await group.GetByText("Tartines").ClickAsync();
        await Assertions.Expect(teen.Locator(".noted")).ToBeVisibleAsync();
        await audit.AuditAsync(teen, "Jeune 15-17", "vote-note");
        await console.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();
        await Assertions.Expect(teen.Locator("#moment-titre")).ToHaveTextAsync("Le vote est fini");
        await console.GetByRole(AriaRole.Button, new() { Name = "Afficher les résultats" }).ClickAsync();
        await Assertions.Expect(teen.Locator("#moment-contenu")).ToContainTextAsync("Tartines\u00a0: 1\u00a0vote");
        Assert.StartsWith("Résultat\u00a0: ", await teen.Locator("#annonce").InnerTextAsync());
        await audit.AuditAsync(teen, "Jeune 15-17", "resultat");

        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quelles sorties ?" }).ClickAsync();
        await Assertions.Expect(teen.GetByRole(AriaRole.Group, new() { Name = "Quelles sorties ?" }).GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(3);
        await audit.AuditAsync(teen, "Jeune 15-17", "vote-plusieurs-choix");
        await console.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();

        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Le repas du soir ?" }).ClickAsync();
        var faces = teen.GetByRole(AriaRole.Radiogroup, new() { Name = "Le repas du soir ?" });
        await Assertions.Expect(faces.GetByRole(AriaRole.Radio, new() { Name = "Pas du tout" })).ToHaveCountAsync(1);
        await Assertions.Expect(faces.GetByRole(AriaRole.Radio, new() { Name = "Super" })).ToHaveCountAsync(1);
        await audit.AuditAsync(teen, "Jeune 15-17", "vote-emojis");
        await console.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();

        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Classe ces activités" }).ClickAsync();
        await Assertions.Expect(teen.GetByRole(AriaRole.Button, new() { Name = "Musique" })).ToBeVisibleAsync();
        await audit.AuditAsync(teen, "Jeune 15-17", "vote-classement");
        await console.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();

        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Que penses-tu des repas ?" }).ClickAsync();
        await Assertions.Expect(teen.GetByRole(AriaRole.Radiogroup, new() { Name = "Que penses-tu des repas ? Midi" }).GetByRole(AriaRole.Radio)).ToHaveCountAsync(7);
        await audit.AuditAsync(teen, "Jeune 15-17", "vote-jugement");

        await console.Context.CloseAsync();
        await teen.Context.CloseAsync();
        await audit.AssertCleanAsync();
    }

    [Fact]
    public async Task A_vote_and_an_idea_tapped_while_the_network_is_down_wait_on_the_phone_and_are_sent_once_when_it_is_back()
    {
        var session = await browser.Site.StartAsync("Plénière sans réseau", Everyone, Snack);
        var console = await browser.ConsoleAsync(session);
        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quel goûter préfères-tu ?" }).ClickAsync();

        await using var wifi = new CuttableProxy(browser.Site.BaseUrl);
        var phone = await (await browser.Chromium.NewContextAsync()).NewPageAsync();
        await phone.GotoAsync(wifi.BaseUrl + "/rejoindre");
        await phone.GetByLabel("Code de la séance").FillAsync(session.Code);
        await phone.GetByLabel("Mon pseudo").FillAsync("Mouette");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Entrer dans la séance" }).ClickAsync();
        await phone.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        await Assertions.Expect(phone.Locator("#moment-titre")).ToHaveTextAsync("Quel goûter préfères-tu ?");
        await phone.GetByText("Fruits").ClickAsync();
        await Assertions.Expect(phone.Locator(".noted-mark")).ToBeVisibleAsync();

        wifi.Cut();
        await phone.Locator("#etat", new() { HasText = "Connexion perdue" }).WaitForAsync();
        await phone.GetByText("Yaourt").ClickAsync();
        await Assertions.Expect(phone.Locator("#vote-retour")).ToContainTextAsync("Pas encore envoyé");
        // The new choice is not noted yet: no « C'est noté » left from the first one beside it.
        await Assertions.Expect(phone.Locator(".noted")).ToHaveCountAsync(0);
        await phone.GetByLabel("Mon idée").FillAsync("Du chocolat chaud quand il fait froid");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon idée" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#idee-retour")).ToContainTextAsync("Pas encore envoyée");
        await phone.WaitForTimeoutAsync(1500);
        var fruits = await browser.Site.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == session.Polls[0] && o.Label == "🍎 Fruits").Select(o => o.Id).SingleAsync());
        Assert.Equal([$"{fruits}"], await browser.Site.WithDbAsync(db => db.Ballots.Where(b => b.PollId == session.Polls[0]).Select(b => b.Choice).ToListAsync()));

        wifi.Restore();
        await phone.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(phone.Locator(".noted-mark")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#idee-retour")).ToContainTextAsync("équipe d'animation");
        var yaourt = await browser.Site.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == session.Polls[0] && o.Label == "🥛 Yaourt").Select(o => o.Id).SingleAsync());
        Assert.Equal([$"{yaourt}"], await browser.Site.WithDbAsync(db => db.Ballots.Where(b => b.PollId == session.Polls[0]).Select(b => b.Choice).ToListAsync()));
        Assert.Equal(1, await browser.Site.WithDbAsync(db => db.Ideas.CountAsync(i => i.SessionId == session.Id)));

        // When the session ends, the phone says so and stops everything live.
        await console.GotoAsync(session.Url(browser.Site.BaseUrl));
        await console.GetByRole(AriaRole.Button, new() { Name = "Terminer la séance" }).ClickAsync();
        await Assertions.Expect(console.Locator("#confirmer-fin")).ToContainTextAsync("On ne peut pas rouvrir la séance.");
        await console.GetByRole(AriaRole.Button, new() { Name = "Oui, terminer la séance" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#moment-titre")).ToContainTextAsync("La séance est terminée");
        Assert.True(await phone.Locator("#en-direct").IsHiddenAsync());
        await Assertions.Expect(phone.Locator("#etat")).ToHaveTextAsync("Terminée");
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Quitter" })).ToBeHiddenAsync();
        await phone.WaitForTimeoutAsync(3000);
        await Assertions.Expect(phone.Locator("#etat")).ToHaveTextAsync("Terminée");

        await phone.Context.CloseAsync();
        await console.Context.CloseAsync();
    }

    [Fact]
    public async Task An_idea_pasted_too_long_stays_whole_in_its_box_and_is_not_sent_until_it_is_short_enough()
    {
        var session = await browser.Site.StartAsync("Plénière bavarde", Everyone, Snack);
        var phone = await (await browser.Chromium.NewContextAsync()).NewPageAsync();
        await phone.GotoAsync(browser.Site.BaseUrl + "/rejoindre");
        await phone.GetByLabel("Code de la séance").FillAsync(session.Code);
        await phone.GetByLabel("Mon pseudo").FillAsync("Pie");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Entrer dans la séance" }).ClickAsync();
        await phone.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();

        var pasted = string.Concat(Enumerable.Repeat("Une salle de musique ouverte le soir. ", 16)).Trim();
        Assert.True(pasted.Length > Idea.TextMaxLength);
        await phone.GetByLabel("Mon idée").FillAsync(pasted);
        await Assertions.Expect(phone.Locator("#idee-retour")).ToHaveTextAsync($"Ton idée fait {pasted.Length}\u00a0caractères\u00a0: {Idea.TextMaxLength} au plus.");
        await Assertions.Expect(phone.GetByLabel("Mon idée")).ToHaveAttributeAsync("aria-invalid", "true");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon idée" }).ClickAsync();
        await Assertions.Expect(phone.GetByLabel("Mon idée")).ToHaveValueAsync(pasted);
        Assert.Equal(0, await browser.Site.WithDbAsync(db => db.Ideas.CountAsync(i => i.SessionId == session.Id)));

        // A text too heavy for the connection to carry in one message stays in the box, and the phone stays connected.
        var heavy = string.Concat(Enumerable.Repeat("Une salle de musique ouverte le soir, avec des guitares. ", 80));
        await phone.GetByLabel("Mon idée").FillAsync(heavy);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon idée" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#idee-retour")).ToContainTextAsync("trop long pour partir");
        await Assertions.Expect(phone.GetByLabel("Mon idée")).ToHaveValueAsync(heavy);
        await phone.WaitForTimeoutAsync(1000);
        await Assertions.Expect(phone.Locator("#etat")).ToHaveTextAsync("En direct");

        // Shortened, the message goes and the idea is sent.
        await phone.GetByLabel("Mon idée").FillAsync(pasted[..Idea.TextMaxLength].Trim());
        await Assertions.Expect(phone.Locator("#idee-retour")).ToBeEmptyAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon idée" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#idee-retour")).ToContainTextAsync("Merci");
        Assert.Equal(1, await browser.Site.WithDbAsync(db => db.Ideas.CountAsync(i => i.SessionId == session.Id)));
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task What_the_phone_answered_to_a_worrying_idea_goes_after_a_minute_and_a_timer_run_out_makes_way()
    {
        var session = await browser.Site.StartAsync("Plénière discrète", Everyone, Snack);
        var phone = await (await browser.Chromium.NewContextAsync()).NewPageAsync();
        await phone.Clock.InstallAsync();
        await phone.GotoAsync(browser.Site.BaseUrl + "/rejoindre");
        await phone.GetByLabel("Code de la séance").FillAsync(session.Code);
        await phone.GetByLabel("Mon pseudo").FillAsync("Grive");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Entrer dans la séance" }).ClickAsync();
        await phone.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();

        await phone.GetByLabel("Mon idée").FillAsync("il me frappe tous les soirs et j'ai peur de rentrer");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon idée" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#aide-message")).ToContainTextAsync("Un adulte de l'équipe");
        await Assertions.Expect(phone.Locator("#aide-maintenant")).ToBeVisibleAsync();
        // What the phone says of another idea meanwhile (it waits for the room's pace) takes nothing
        // from that answer, nor keeps it longer.
        await phone.GetByLabel("Mon idée").FillAsync("Des crêpes le dimanche");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Envoyer mon idée" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#idee-retour")).ToContainTextAsync("dix secondes");
        await Assertions.Expect(phone.Locator("#aide-message")).ToContainTextAsync("Un adulte de l'équipe");
        await Assertions.Expect(phone.Locator("#aide-message")).ToContainTextAsync("Un adulte de l'équipe");
        await phone.Clock.RunForAsync(30_000);
        await Assertions.Expect(phone.Locator("#aide-maintenant")).ToBeVisibleAsync();

        // A minute on, a neighbour glancing at the phone reads nothing of it; the 119 stays in the bar and beside the box.
        await phone.Clock.RunForAsync(31_000);
        await Assertions.Expect(phone.Locator("#aide-maintenant")).ToBeHiddenAsync();
        await Assertions.Expect(phone.Locator("#aide-message")).ToBeEmptyAsync();
        await Assertions.Expect(phone.Locator(".live-bar-help")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#idee-secours a[href='tel:119']")).ToBeVisibleAsync();

        // A timer run out shows 0:00 for half a minute, then goes.
        Assert.Equal(new[] { false, true, true }, await phone.EvaluateAsync<bool[]>("""
            () => {
              const [recent, old] = [document.createElement("p"), document.createElement("p")];
              document.body.append(recent, old);
              council.timer(recent, new Date(Date.now() - 5000).toISOString());
              council.timer(old, new Date(Date.now() - 40000).toISOString());
              return [recent.hidden, recent.textContent === "0:00", old.hidden];
            }
            """));
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task A_console_reloaded_while_a_vote_is_open_does_not_offer_to_open_it_again_once_closed()
    {
        var session = await browser.Site.StartAsync("Plénière rechargée au fond de la salle", Everyone, Snack);
        var console = await browser.ConsoleAsync(session);
        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quel goûter préfères-tu ?" }).ClickAsync();
        await console.ReloadAsync();
        await console.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Button, new() { Name = "En cours : Quel goûter préfères-tu ?" })).ToBeDisabledAsync();

        await console.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Button, new() { Name = "Fait : Quel goûter préfères-tu ?" })).ToBeDisabledAsync();
        await console.Context.CloseAsync();
    }

    [Fact]
    public async Task The_projector_counts_a_new_poll_from_none_and_promises_no_result_once_the_session_ends()
    {
        var session = await browser.Site.StartAsync("Plénière qui finit en plein vote", Everyone, Snack, new NewPoll("Quel jeu ce soir ?", PollKind.SingleChoice, ["Cartes", "Ballon"]));
        var console = await browser.ConsoleAsync(session);
        var projector = await console.ProjectorAsync(session, 1280, 720);
        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quel goûter préfères-tu ?" }).ClickAsync();
        await using var guest = new RoomGuest(browser.Site.BaseUrl);
        Assert.True((await guest.JoinAsync(session.Code, "Girafe")).Joined);
        var hub = await guest.ConnectAsync();
        Assert.True((await hub.InvokeAsync<Ack>(nameof(CouncilHub.Join), session.Id)).Ok);
        var fruits = await browser.Site.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == session.Polls[0] && o.Position == 0).Select(o => o.Id).SingleAsync());
        Assert.True((await hub.InvokeAsync<Ack>(nameof(CouncilHub.Vote), session.Polls[0], $"{fruits}")).Ok);
        await Assertions.Expect(projector.Locator("#bulletins")).ToHaveTextAsync("1/1 a voté");
        await console.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();

        // The next poll is open, nobody has voted in it, and the session ends.
        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quel jeu ce soir ?" }).ClickAsync();
        await Assertions.Expect(projector.Locator("#question")).ToHaveTextAsync("Quel jeu ce soir ?");
        await console.GotoAsync(session.Url(browser.Site.BaseUrl));
        await console.GetByRole(AriaRole.Button, new() { Name = "Terminer la séance" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Oui, terminer la séance" }).ClickAsync();
        await Assertions.Expect(projector.Locator("#etat")).ToHaveTextAsync("La séance est terminée. Merci à toutes et à tous\u00a0!");
        await Assertions.Expect(projector.Locator("#bulletins")).ToHaveTextAsync("Vote terminé · 0\u00a0vote.");
        await console.Context.CloseAsync();
    }

    [Fact]
    public async Task The_live_page_is_light_on_a_cheap_phone_on_a_first_and_a_repeat_visit()
    {
        var session = await browser.Site.StartAsync("Plénière légère", Everyone, Snack);
        var context = await browser.Chromium.NewContextAsync();
        // The code is typed without loading the join page's files, so that the live page meets an empty cache.
        var join = await context.APIRequest.GetAsync(browser.Site.BaseUrl + "/rejoindre");
        var token = System.Text.RegularExpressions.Regex.Match(await join.TextAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var joined = await context.APIRequest.PostAsync(browser.Site.BaseUrl + "/rejoindre", new()
        {
            Form = context.APIRequest.CreateFormData().Set("Code", session.Code).Set("Pseudonym", "Plume").Set("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token)),
            MaxRedirects = 0,
        });
        Assert.Equal(302, joined.Status);

        var page = await context.NewPageAsync();
        var url = session.Url(browser.Site.BaseUrl) + "/participer";
        await page.GotoAsync(url);
        await page.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        var first = await page.EvaluateAsync<double>(TransferredScript);
        await page.GotoAsync(url);
        await page.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        var repeat = await page.EvaluateAsync<double>(TransferredScript);
        output.WriteLine($"Live page over the wire: {first / 1024:0.0} KB first visit, {repeat / 1024:0.0} KB repeat visit");
        Assert.True(first <= 60 * 1024, $"The first visit costs {first / 1024:0.0} KB");
        Assert.True(repeat <= 10 * 1024, $"A repeat visit costs {repeat / 1024:0.0} KB");
        await context.CloseAsync();
    }

    // Bytes that came over the network for the page and everything it loaded (a file from the cache counts 0).
    private const string TransferredScript = """
        () => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + e.transferSize, 0)
        """;

    // Headless Chromium has no voices: the test records what the page asks to be said.
    private const string SpeechRecorder = """
        window.spoken = [];
        if (!window.SpeechSynthesisUtterance) window.SpeechSynthesisUtterance = function (text) { this.text = text; };
        Object.defineProperty(window, 'speechSynthesis', { value: { speak: (u) => window.spoken.push(u.text), cancel: () => {} } });
        """;

    // WCAG contrast of an element's text on the background it sits on.
    private const string ContrastScript = """
        (selector) => {
          const luminance = (color) => {
            const [r, g, b] = color.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const node = document.querySelector(selector);
          let back = node;
          while (back && getComputedStyle(back).backgroundColor.match(/rgba\(.*, 0\)|transparent/)) back = back.parentElement;
          const [a, b] = [luminance(getComputedStyle(node).color), luminance(getComputedStyle(back ?? document.body).backgroundColor)];
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        }
        """;

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.True(await condition());
    }

    [Fact]
    public async Task The_console_keeps_the_final_count_when_it_arrives_before_the_close_or_a_running_tally_arrives_after_it()
    {
        // Behind nginx the final count and « vote fermé » travel to the console by different ways, and a
        // running tally from the console's own instance may come last. Here the page's WebSocket is routed
        // so that the console hears them in the worst order: the final count, a stale running tally, then the close.
        const char End = '\u001e';
        var session = await browser.Site.StartAsync("Plénière dans le désordre", Everyone, Snack);
        var console = await browser.SignedInPageAsync($"animation@{Participation.Web.Demo.DemoSeeder.Domain}", width: 1280);
        var held = new ConcurrentQueue<string>();
        var reordered = new TaskCompletionSource();
        await console.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/hubs/council"), ws =>
        {
            var server = ws.ConnectToServer();
            server.OnMessage(frame =>
            {
                foreach (var message in (frame.Text ?? "").Split(End, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (message.Contains("\"target\":\"PollClosed\"", StringComparison.OrdinalIgnoreCase))
                    {
                        held.Enqueue(message);
                        continue;
                    }
                    ws.Send(message + End);
                    if (message.Contains("\"final\":true", StringComparison.Ordinal) && !held.IsEmpty)
                    {
                        var stale = message.Replace("\"final\":true", "\"final\":false").Replace("\"ballots\":1", "\"ballots\":0").Replace("\"count\":1", "\"count\":0");
                        ws.Send(stale + End);
                        while (held.TryDequeue(out var closed))
                        {
                            ws.Send(closed + End);
                        }
                        reordered.TrySetResult();
                    }
                }
            });
        });
        await console.GotoAsync(session.Url(browser.Site.BaseUrl) + "/console");
        await console.Locator("#etat", new() { HasText = "En direct" }).WaitForAsync();
        var projector = await console.ProjectorAsync(session);
        await console.GetByRole(AriaRole.Button, new() { Name = "Ouvrir : Quel goûter préfères-tu ?" }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" })).ToBeEnabledAsync();

        await using var guest = new RoomGuest(browser.Site.BaseUrl);
        Assert.True((await guest.JoinAsync(session.Code, "Girafe")).Joined);
        var hub = await guest.ConnectAsync();
        Assert.True((await hub.InvokeAsync<Ack>(nameof(CouncilHub.Join), session.Id)).Ok);
        var cake = await browser.Site.WithDbAsync(db => db.PollOptions.Where(o => o.PollId == session.Polls[0] && o.Position == 1).Select(o => o.Id).SingleAsync());
        Assert.True((await hub.InvokeAsync<Ack>(nameof(CouncilHub.Vote), session.Polls[0], $"{cake}")).Ok);
        await Assertions.Expect(console.Locator("#progression")).ToContainTextAsync("1/1 a voté");

        await console.GetByRole(AriaRole.Button, new() { Name = "Fermer le vote" }).ClickAsync();
        await reordered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await Assertions.Expect(console.Locator("#progression")).ToHaveTextAsync("Vote fini\u00a0: 1\u00a0vote.");
        await Assertions.Expect(console.Locator("#resultats")).ToContainTextAsync("🍰 Gâteau\u00a0: 1\u00a0vote");
        await console.GetByRole(AriaRole.Button, new() { Name = "Afficher les résultats" }).ClickAsync();
        await Assertions.Expect(projector.Locator("#barres")).ToContainTextAsync("🍰 Gâteau\u00a0: 1\u00a0vote");
        await Assertions.Expect(console.GetByRole(AriaRole.Button, new() { Name = "Résultats affichés" })).ToBeDisabledAsync();
        await console.Context.CloseAsync();
    }
}
