using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;
using Participation.Web.Peers;
using Participation.Web.Privacy;
using Participation.Web.Proposals;

namespace Participation.Tests.Privacy;

/// <summary>A person asks for erasure; staff confirm or refuse; once erased, what others read is signed without a name.</summary>
public sealed class ErasureTests : IDisposable
{
    private const string Pilotage = $"pilotage@{DemoSeeder.Domain}";
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Proposals"] = "0" });

    public void Dispose() => _app.Dispose();

    private Task<string> IdOfAsync(string pseudonym) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == pseudonym).Select(u => u.Id).SingleAsync());

    /// <summary>A published proposal by the member, supported by them, and a message of theirs in a peer circle.</summary>
    private Task<(int Proposal, int Post)> ContributionsAsync(string memberId, string pseudonym) => _app.WithDbAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var proposal = new Proposal
        {
            Title = "Un casier qui ferme à clé", Text = "Dans chaque chambre, un casier qui ferme à clé pour garder ses affaires.",
            Status = ProposalStatus.Published, Channel = Channel.Online, CreatedAt = now, UpdatedAt = now, SupportCount = 1,
            Authors = [new ProposalAuthor { MemberId = memberId, Kind = AuthorKind.YoungMember }],
            Events = [new ProposalEvent { At = now, Kind = EventKind.Submitted, ActorId = memberId, ActorLabel = pseudonym, ToStatus = ProposalStatus.Deposited }],
        };
        db.Proposals.Add(proposal);
        await db.SaveChangesAsync();
        db.Supports.Add(new Support { ProposalId = proposal.Id, MemberId = memberId, CreatedAt = now });
        var post = new PeerPost
        {
            CircleId = await db.PeerCircles.Select(c => c.Id).FirstAsync(), Title = "Bonjour à tous", Text = "Je suis nouvelle ici, bonjour.",
            AuthorId = memberId, Status = PostStatus.Published, CreatedAt = now, PublishedAt = now, LastActivityAt = now,
        };
        db.PeerPosts.Add(post);
        await db.SaveChangesAsync();
        return (proposal.Id, post.Id);
    });

    [Fact]
    public async Task A_young_member_asks_staff_confirm_and_the_account_is_gone_while_the_proposal_reads_un_jeune()
    {
        var loutre = await IdOfAsync("Loutre");
        var (proposal, post) = await ContributionsAsync(loutre, "Loutre");
        var young = await _app.SignedInClientAsync("Loutre");

        // Without ticking that it is understood, nothing is asked.
        var unticked = await (await young.PostFormAsync("/compte/effacement", new Dictionary<string, string>())).ParseAsync();
        Assert.Equal("Coche la case pour dire que tu as compris ce qui sera effacé.", unticked.QuerySelector("#erreur-understood")!.TextContent);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Erasures.CountAsync()));

        var asked = await young.PostFormAsync("/compte/effacement", new Dictionary<string, string> { ["Understood"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var waiting = await young.GetDocumentAsync("/compte/effacement");
        Assert.Contains("Ta demande est enregistrée", waiting.QuerySelector("[role=status]")!.TextContent);
        // Taking it back and asking again, however often, keeps one request: the staff's log is not flooded.
        for (var i = 0; i < 3; i++)
        {
            await young.SubmitHandlerAsync("/compte/effacement", "Withdraw", new Dictionary<string, string>());
            await young.PostFormAsync("/compte/effacement", new Dictionary<string, string> { ["Understood"] = "true" });
        }
        Assert.Equal(ErasureStatus.Pending, await _app.WithDbAsync(db => db.Erasures.Select(e => e.Status).SingleAsync()));

        var admin = await _app.SignedInClientAsync(Pilotage);
        Assert.Contains(await _app.WithDbAsync(db => db.Notifications.Where(n => n.Link == Erasures.ErasurePage).Select(n => n.Text).ToListAsync()),
            text => text.Contains("effacement", StringComparison.Ordinal));
        var requests = await admin.GetDocumentAsync("/pilotage/effacements");
        var card = requests.QuerySelectorAll("section.form-panel").Single();
        Assert.Contains("Loutre", card.TextContent);
        Assert.Contains("1 proposition", card.TextContent);
        var posts = await _app.WithDbAsync(db => db.PeerPosts.CountAsync(p => p.AuthorId == loutre));
        Assert.Contains(Participation.Web.Infrastructure.Plural.Count(posts, "message d'entraide", "messages d'entraide", "aucun message d'entraide"), card.TextContent);
        var id = await _app.WithDbAsync(db => db.Erasures.Where(e => e.Status == ErasureStatus.Pending).Select(e => e.Id).SingleAsync());

        // Unconfirmed, the account stays.
        var unconfirmed = await (await admin.SubmitHandlerAsync("/pilotage/effacements", "Confirm", new Dictionary<string, string> { ["Id"] = id.ToString() })).ParseAsync();
        Assert.NotNull(unconfirmed.QuerySelector($"#erreur-confirmed-{id}"));
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == loutre)));

        var confirmed = await admin.SubmitHandlerAsync("/pilotage/effacements", "Confirm", new Dictionary<string, string> { ["Id"] = id.ToString(), ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var log = await admin.GetDocumentAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Contains("Le compte est effacé", log.QuerySelector(".notice-success")!.TextContent);
        var row = log.QuerySelector("tbody tr")!.TextContent;
        Assert.Contains("effacé", row);
        Assert.Contains("1 proposition", row);
        Assert.DoesNotContain("Loutre", log.Text());

        await _app.WithDbAsync(async db =>
        {
            Assert.False(await db.Users.AnyAsync(u => u.Id == loutre || u.Pseudonym == "Loutre"));
            Assert.False(await db.PeerPosts.AnyAsync(p => p.Id == post));
            Assert.False(await db.Supports.AnyAsync(s => s.MemberId == loutre));
            Assert.Equal(0, await db.Proposals.Where(p => p.Id == proposal).Select(p => p.SupportCount).SingleAsync());
            Assert.False(await db.ProposalEvents.AnyAsync(e => e.ActorId == loutre || e.ActorLabel == "Loutre"));
            var erasure = await db.Erasures.SingleAsync(e => e.Id == id);
            Assert.Null(erasure.MemberId);
            Assert.Null(erasure.Pseudonym);
            return 0;
        });
        var page = await _app.CreateBrowserlessClient().GetDocumentAsync($"/propositions/{proposal}");
        Assert.DoesNotContain("Loutre", page.Text());
        Assert.Contains("un·e jeune", page.Text());
        Assert.NotEqual(HttpStatusCode.Redirect, (await _app.CreateBrowserlessClient().SignInAsync("Loutre")).StatusCode);
    }

    [Fact]
    public async Task A_request_taken_back_while_staff_read_it_is_not_erased()
    {
        var young = await _app.SignedInClientAsync("Loutre");
        await young.PostFormAsync("/compte/effacement", new Dictionary<string, string> { ["Understood"] = "true" });
        var admin = await _app.SignedInClientAsync(Pilotage);
        var id = await _app.WithDbAsync(db => db.Erasures.Select(e => e.Id).SingleAsync());
        // The administrator's page, read while the request still waits.
        var read = await admin.GetDocumentAsync("/pilotage/effacements");
        var token = read.QuerySelector("main form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        await young.SubmitHandlerAsync("/compte/effacement", "Withdraw", new Dictionary<string, string>());
        var late = await (await admin.PostAsync("/pilotage/effacements?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = id.ToString(), ["Confirmed"] = "true", ["__RequestVerificationToken"] = token,
        }))).ParseAsync();

        Assert.Contains("retiré sa demande", late.Text());
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Pseudonym == "Loutre")));
        Assert.Equal(ErasureStatus.Withdrawn, await _app.WithDbAsync(db => db.Erasures.Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_erasure_itself_checks_the_request_once_more_inside_its_transaction()
    {
        var loutre = await IdOfAsync("Loutre");
        using var scope = _app.Services.CreateScope();
        var eraser = scope.ServiceProvider.GetRequiredService<AccountEraser>();

        Assert.Null(await eraser.EraseAsync(loutre, heirId: null, stillDue: _ => Task.FromResult(false)));

        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == loutre)));
    }

    [Fact]
    public async Task An_erased_account_cannot_be_read_back_from_a_copy_of_the_database_files()
    {
        var loutre = await IdOfAsync("Loutre");
        await ContributionsAsync(loutre, "Loutre");
        using (var scope = _app.Services.CreateScope())
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<AccountEraser>().EraseAsync(loutre, heirId: null));
        }

        // The file and its write-ahead log, as a backup or a stolen disk would hold them.
        var id = System.Text.Encoding.UTF8.GetBytes(loutre);
        foreach (var file in new[] { _app.DatabasePath, _app.DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var copy = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            await copy.CopyToAsync(bytes);
            Assert.True(bytes.ToArray().AsSpan().IndexOf(id) < 0, $"The erased account's id is still in {Path.GetFileName(file)}.");
        }
    }

    [Fact]
    public async Task A_refusal_says_why_to_the_person_and_keeps_the_account()
    {
        var faucon = await IdOfAsync("Faucon");
        var young = await _app.SignedInClientAsync("Faucon");
        await young.PostFormAsync("/compte/effacement", new Dictionary<string, string> { ["Understood"] = "true" });
        var id = await _app.WithDbAsync(db => db.Erasures.Where(e => e.MemberId == faucon).Select(e => e.Id).SingleAsync());
        var admin = await _app.SignedInClientAsync(Pilotage);

        var noReason = await (await admin.SubmitHandlerAsync("/pilotage/effacements", "Refuse", new Dictionary<string, string> { ["Id"] = id.ToString(), ["Reason"] = "  " })).ParseAsync();
        Assert.Equal("Dites pourquoi : la personne lira cette raison.", noReason.QuerySelector($"#erreur-reason-{id}")!.TextContent);

        var refused = await admin.SubmitHandlerAsync("/pilotage/effacements", "Refuse", new Dictionary<string, string> { ["Id"] = id.ToString(), ["Reason"] = "La demande ne venait pas de toi." });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == faucon)));
        Assert.Contains("L'équipe n'a pas effacé ton compte. Elle explique : « La demande ne venait pas de toi. »", (await young.GetDocumentAsync("/notifications")).Text());
        // Where they would ask again, the reason stands.
        Assert.Contains("La demande ne venait pas de toi.", (await young.GetDocumentAsync("/compte/effacement")).QuerySelector(".notice-info")!.TextContent);
        Assert.Contains("refusé", (await admin.GetDocumentAsync("/pilotage/effacements")).QuerySelector("tbody tr")!.TextContent);
        // Decided once: a second confirmation finds nothing to do.
        var token = (await admin.GetDocumentAsync("/compte/effacement")).QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var late = await (await admin.PostAsync("/pilotage/effacements?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = id.ToString(), ["Confirmed"] = "true", ["__RequestVerificationToken"] = token,
        }))).ParseAsync();
        Assert.Contains("déjà été traitée", late.Text());
    }

    [Theory]
    [InlineData("Colibri")]
    [InlineData("animation@" + DemoSeeder.Domain)]
    [InlineData("moderation@" + DemoSeeder.Domain)]
    public async Task Only_administrators_see_and_decide_the_requests(string login)
    {
        var baobab = await IdOfAsync("Baobab");
        await (await _app.SignedInClientAsync("Baobab")).PostFormAsync("/compte/effacement", new Dictionary<string, string> { ["Understood"] = "true" });
        var id = await _app.WithDbAsync(db => db.Erasures.Where(e => e.MemberId == baobab).Select(e => e.Id).SingleAsync());
        var client = await _app.SignedInClientAsync(login);
        (await client.GetAsync("/pilotage/effacements")).AssertRefused();
        var token = (await client.GetDocumentAsync("/compte/effacement")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        (await client.PostAsync("/pilotage/effacements?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = id.ToString(), ["Confirmed"] = "true", ["__RequestVerificationToken"] = token,
        }))).AssertRefused();
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == baobab)));
        Assert.Equal(ErasureStatus.Pending, await _app.WithDbAsync(db => db.Erasures.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_does_not_erase_their_own_account()
    {
        var admin = await _app.SignedInClientAsync(Pilotage);
        await admin.PostFormAsync("/compte/effacement", new Dictionary<string, string> { ["Understood"] = "true" });
        var id = await _app.WithDbAsync(db => db.Erasures.Select(e => e.Id).SingleAsync());
        var page = await admin.GetDocumentAsync("/pilotage/effacements");
        Assert.Contains("C'est votre propre demande", page.Text());
        Assert.Empty(page.QuerySelectorAll("form[action*='handler=Confirm']"));
        // Even posted by hand, it is refused.
        var token = (await admin.GetDocumentAsync("/compte/effacement")).QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var own = await (await admin.PostAsync("/pilotage/effacements?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = id.ToString(), ["Confirmed"] = "true", ["__RequestVerificationToken"] = token,
        }))).ParseAsync();
        Assert.Contains("Une autre personne de l'équipe doit confirmer", own.Text());
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Pseudonym == "pilotage" || u.Email == Pilotage)));
    }

    [Fact]
    public async Task A_moderator_erased_stays_named_in_the_record_of_the_cases_they_acted_on()
    {
        var moderator = $"moderation@{DemoSeeder.Domain}";
        var (moderatorId, pseudonym) = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == moderator).Select(u => new ValueTuple<string, string>(u.Id, u.Pseudonym)).SingleAsync());
        var caseId = await _app.WithDbAsync(async db =>
        {
            var first = await db.SafetyCases.Select(c => c.Id).FirstAsync();
            db.CaseActions.Add(new Participation.Web.Safeguarding.CaseAction
            {
                CaseId = first, Kind = Participation.Web.Safeguarding.CaseActionKind.ReferentContacted, Reason = "Appel au foyer.", ById = moderatorId, At = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            return first;
        });
        await (await _app.SignedInClientAsync(moderator)).PostFormAsync("/compte/effacement", new Dictionary<string, string> { ["Understood"] = "true" });
        var id = await _app.WithDbAsync(db => db.Erasures.Where(e => e.MemberId == moderatorId).Select(e => e.Id).SingleAsync());
        var admin = await _app.SignedInClientAsync(Pilotage);
        await admin.SubmitHandlerAsync("/pilotage/effacements", "Confirm", new Dictionary<string, string> { ["Id"] = id.ToString(), ["Confirmed"] = "true" });

        Assert.False(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == moderatorId)));
        var record = await admin.GetDocumentAsync($"/pilotage/vigilance/cas/{caseId}");
        Assert.Contains($"{pseudonym} (compte effacé)", record.Text());
    }
}
