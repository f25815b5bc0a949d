using System.Net;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Demo;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Tests.Proposals;

[Collection(SharedAppCollection.Name)]
public sealed class ProposalServiceTests(ParticipationApp app)
{
    private static readonly string Admin = $"pilotage@{DemoSeeder.Domain}";
    private static readonly string Facilitator = $"animation@{DemoSeeder.Domain}";

    [Fact]
    public async Task A_young_member_s_proposal_carries_their_pseudonym_and_age_band_and_waits_for_moderation()
    {
        var id = await app.ProposeAsync("Loutre", "Un potager dans le jardin du foyer");
        var proposal = await app.WithDbAsync(db => db.Proposals.Include(p => p.Authors).Include(p => p.Events).SingleAsync(p => p.Id == id));
        Assert.Equal(ProposalStatus.Deposited, proposal.Status);
        Assert.Equal(AgeBandSet.From11To14, proposal.AgeBands);
        Assert.Equal(Channel.Online, proposal.Channel);
        Assert.Equal(AuthorKind.YoungMember, proposal.Authors.Single().Kind);
        var submitted = proposal.Events.Single();
        Assert.Equal(EventKind.Submitted, submitted.Kind);
        Assert.Equal("Loutre", submitted.ActorLabel);
    }

    [Fact]
    public async Task Every_step_is_recorded_and_the_author_is_told()
    {
        var id = await app.ProposeAsync("Faucon", "Des casiers qui ferment à clé");
        await app.AdvanceAsync(id, ProposalStatus.Done);

        var events = await app.WithDbAsync(db => db.ProposalEvents.Where(e => e.ProposalId == id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(
            [ProposalStatus.Deposited, ProposalStatus.Published, ProposalStatus.RetainedByCouncil, ProposalStatus.SentToDepartment, ProposalStatus.Integrated, ProposalStatus.Done],
            events.Where(e => e.ToStatus is not null).Select(e => e.ToStatus!.Value));
        Assert.Contains(events, e => e.Kind == EventKind.Linked);
        Assert.All(events.Skip(1), e => Assert.Equal("Pilotage du schéma", e.ActorLabel));
        Assert.All(events.Skip(1), e => Assert.NotNull(e.ActorId));

        var faucon = (await app.ActorAsync("Faucon")).MemberId;
        var notes = await app.WithDbAsync(db => db.Notifications.Where(n => n.ProposalId == id && n.MemberId == faucon).OrderBy(n => n.Id).Select(n => n.Text).ToListAsync());
        Assert.Equal(6, notes.Count);
        Assert.Contains("est maintenant\u00a0: réalisée.", notes.Last());
        Assert.StartsWith("Ton idée a avancé\u00a0!", notes.Last());
        var steps = await app.WithDbAsync(db => db.Notifications.Where(n => n.ProposalId == id && n.MemberId == faucon && n.Step != null).OrderBy(n => n.Id).Select(n => new { n.Step, n.StepCount }).ToListAsync());
        Assert.Equal([2, 3, 4, 5, 6], steps.Select(s => s.Step!.Value));
        Assert.All(steps, s => Assert.Equal(Lifecycle.Road.Length, s.StepCount));

        // A parent is told with « vous ».
        var parent = $"parent@{Web.Demo.DemoSeeder.Domain}";
        var theirs = await app.ProposeAsync(parent, "Être prévenus des rendez-vous médicaux");
        await app.AdvanceAsync(theirs, ProposalStatus.Published);
        var parentId = (await app.ActorAsync(parent)).MemberId;
        var told = await app.WithDbAsync(db => db.Notifications.Where(n => n.ProposalId == theirs && n.MemberId == parentId).Select(n => n.Text).SingleAsync());
        Assert.StartsWith("Votre proposition", told);
    }

    [Theory]
    [InlineData("", "Un texte assez long pour être accepté.", "Title", "Ton titre est vide\u00a0: écris au moins 5 caractères.")]
    [InlineData("Une idée", "Court", "Text", "Ton texte est trop court\u00a0: encore 15 caractères.")]
    public async Task Empty_or_short_input_is_explained_and_nothing_is_written(string title, string text, string field, string message)
    {
        var before = await app.WithDbAsync(db => db.Proposals.CountAsync());
        var actor = await app.ActorAsync("Colibri");
        var result = await app.WithServiceAsync(s => s.SubmitAsync(new NewProposal(title, text, Theme.Leisure, [], new Provenance(Channel.Online)), actor));
        Assert.Contains(message, result.Errors[field]);
        Assert.Equal(before, await app.WithDbAsync(db => db.Proposals.CountAsync()));
    }

    [Fact]
    public async Task An_oversized_text_and_a_missing_theme_are_both_explained()
    {
        var actor = await app.ActorAsync("Colibri");
        var result = await app.WithServiceAsync(s => s.SubmitAsync(new NewProposal("Une idée", new string('a', 2001), Theme.None, [], new Provenance(Channel.Online)), actor));
        Assert.Equal("Ton texte est trop long\u00a0: enlève 1 caractère (2000 au plus).", result.Errors["Text"]);
        Assert.Equal("Choisis au moins un thème.", result.Errors["Themes"]);

        // A parent reads the same, with « vous ».
        var parent = await app.ActorAsync($"parent@{Web.Demo.DemoSeeder.Domain}");
        var adult = await app.WithServiceAsync(s => s.SubmitAsync(new NewProposal("Une idée", "Trop court", Theme.None, [], new Provenance(Channel.Online)), parent));
        Assert.Equal("Votre texte est trop court\u00a0: encore 10 caractères.", adult.Errors["Text"]);
        Assert.Equal("Choisissez au moins un thème.", adult.Errors["Themes"]);
    }

    [Fact]
    public async Task An_unknown_plan_node_or_a_whole_orientation_is_refused()
    {
        var actor = await app.ActorAsync("Baobab");
        var unknown = await app.WithServiceAsync(s => s.SubmitAsync(new NewProposal("Une idée claire", "Un texte assez long pour être accepté.", Theme.Food, [999999], new Provenance(Channel.Online)), actor));
        Assert.Contains("n'existe pas", unknown.Errors["PlanNodeIds"]);
        var root = await app.WithDbAsync(db => db.PlanNodes.Where(n => n.ParentId == null).Select(n => n.Id).FirstAsync());
        var orientation = await app.WithServiceAsync(s => s.SubmitAsync(new NewProposal("Une idée claire", "Un texte assez long pour être accepté.", Theme.Food, [root], new Provenance(Channel.Online)), actor));
        Assert.Contains("action précise", orientation.Errors["PlanNodeIds"]);
        // Another département's plan is not this one's to act on.
        var elsewhere = await app.WithDbAsync(db => db.PlanNodes.Where(n => n.IsLeaf && !n.Plan!.IsPrimary).Select(n => n.Id).FirstAsync());
        var other = await app.WithServiceAsync(s => s.SubmitAsync(new NewProposal("Une idée claire", "Un texte assez long pour être accepté.", Theme.Food, [elsewhere], new Provenance(Channel.Online)), actor));
        Assert.Equal("Choisis une action du schéma de ton Département.", other.Errors["PlanNodeIds"]);
    }

    [Fact]
    public async Task Staff_enter_a_paper_proposal_for_a_parent_with_its_provenance()
    {
        var facilitator = await app.ActorAsync(Facilitator);
        var result = await app.WithServiceAsync(s => s.SubmitAsync(
            new NewProposal("Être appelés avant chaque audience", "Les parents voudraient être appelés par l'éducateur avant chaque audience.", Theme.FamilyTies, [],
                new Provenance(Channel.Paper, Detail: "Permanence de Saint-Aubin", OnBehalfOf: AuthorKind.Parent)), facilitator));
        var proposal = await app.WithDbAsync(db => db.Proposals.Include(p => p.Authors).Include(p => p.Events).SingleAsync(p => p.Id == result.Value!.Id));
        Assert.Equal(Channel.Paper, proposal.Channel);
        Assert.Equal(facilitator.MemberId, proposal.EnteredById);
        Assert.Null(proposal.Authors.Single().MemberId);
        Assert.Equal(AuthorKind.Parent, proposal.Authors.Single().Kind);
        Assert.Equal("saisie par l'équipe pour un parent", proposal.Events.Single().ActorLabel);
        await app.AdvanceAsync(proposal.Id, ProposalStatus.Published);
        var trail = (await app.CreateBrowserlessClient().GetDocumentAsync($"/propositions/{proposal.Id}")).QuerySelector(".trail")!.TextContent;
        Assert.Contains("Saisie par l'équipe pour un parent.", trail);
        Assert.DoesNotContain("Déposée par saisie", trail);
    }

    [Fact]
    public async Task Only_staff_enter_a_proposal_for_someone_else()
    {
        var young = await app.ActorAsync("Colibri");
        var result = await app.WithServiceAsync(s => s.SubmitAsync(
            new NewProposal("Pour quelqu'un", "Un texte assez long pour être accepté.", Theme.Food, [], new Provenance(Channel.Paper, OnBehalfOf: AuthorKind.Parent)), young));
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_skipped_step_changes_nothing()
    {
        var id = await app.ProposeAsync("Colibri", "Un chat au foyer");
        await app.AdvanceAsync(id, ProposalStatus.Published);
        var admin = await app.ActorAsync(Admin);
        var result = await app.WithServiceAsync(s => s.ChangeStatusAsync([id], ProposalStatus.Integrated, null, admin));
        Assert.Contains("sans les étapes", result.Errors.Values.Single());
        Assert.Equal(ProposalStatus.Published, await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Changing_several_at_once_is_all_or_nothing()
    {
        var ready = await app.ProposeAsync("Colibri", "Des jeux de société");
        var alsoReady = await app.ProposeAsync("Loutre", "Une console de jeux");
        var alreadyPublished = await app.ProposeAsync("Faucon", "Un baby-foot");
        await app.AdvanceAsync(alreadyPublished, ProposalStatus.Published);
        var moderator = await app.ActorAsync($"moderation@{DemoSeeder.Domain}");

        var refused = await app.WithServiceAsync(s => s.ChangeStatusAsync([ready, alsoReady, alreadyPublished], ProposalStatus.Published, null, moderator));
        Assert.Single(refused.Errors);
        Assert.Contains($"N° {alreadyPublished}", refused.Errors.Values.Single());
        Assert.Equal(ProposalStatus.Deposited, await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == ready).Select(p => p.Status).SingleAsync()));

        var done = await app.WithServiceAsync(s => s.ChangeStatusAsync([ready, alsoReady], ProposalStatus.Published, null, moderator));
        Assert.True(done.Succeeded);
        Assert.Equal(2, await app.WithDbAsync(db => db.Proposals.CountAsync(p => (p.Id == ready || p.Id == alsoReady) && p.Status == ProposalStatus.Published)));
    }

    [Fact]
    public async Task Not_retaining_without_a_reason_is_refused_and_with_one_the_reason_is_public()
    {
        var id = await app.ProposeAsync("Baobab", "Sortir jusqu'à minuit");
        await app.AdvanceAsync(id, ProposalStatus.Published);
        var facilitator = await app.ActorAsync($"animation@{DemoSeeder.Domain}");
        var refused = await app.WithServiceAsync(s => s.ChangeStatusAsync([id], ProposalStatus.NotRetained, "", facilitator));
        Assert.False(refused.Succeeded);
        var done = await app.WithServiceAsync(s => s.ChangeStatusAsync([id], ProposalStatus.NotRetained, "Les horaires dépendent de l'âge et de l'avis du juge.", facilitator));
        Assert.True(done.Succeeded, string.Join(" ", done.Errors.Values));
        var page = await app.CreateBrowserlessClient().GetDocumentAsync($"/propositions/{id}");
        Assert.Contains("Les horaires dépendent de l'âge", page.QuerySelector(".trail")!.TextContent);
    }

    [Fact]
    public async Task What_moderation_declines_stays_between_its_author_and_the_team()
    {
        const string title = "Mon éducateur Karim Benali crie sur nous";
        var id = await app.ProposeAsync("Baobab", title);
        var moderator = await app.ActorAsync($"moderation@{DemoSeeder.Domain}");
        var done = await app.WithServiceAsync(s => s.ChangeStatusAsync([id], ProposalStatus.Declined, "Elle nomme une personne : pour la protéger, elle n'est pas publiée. Parles-en à ton référent ou appelle le 119.", moderator));
        Assert.True(done.Succeeded, string.Join(" ", done.Errors.Values));

        var visitor = app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/propositions/{id}")).StatusCode);
        Assert.DoesNotContain("Karim", (await visitor.GetDocumentAsync("/propositions?q=Karim")).Text());
        Assert.DoesNotContain("Karim", (await visitor.GetDocumentAsync("/propositions")).Text());
        var other = await app.SignedInClientAsync("Faucon");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/propositions/{id}")).StatusCode);

        var author = await app.SignedInClientAsync("Baobab");
        var own = await author.GetDocumentAsync($"/propositions/{id}");
        Assert.Contains("écartée", own.QuerySelector(".status-panel")!.TextContent);
        Assert.Contains("appelle le 119", own.QuerySelector(".trail")!.TextContent);
        Assert.Contains(title, (await author.GetDocumentAsync("/propositions/miennes")).Text());
    }

    [Fact]
    public async Task Merging_keeps_every_author_every_supporter_and_both_trails()
    {
        var target = await app.ProposeAsync("Loutre", "Le wifi plus tard le soir");
        var duplicate = await app.ProposeAsync("Faucon", "Wifi jusqu'à 22 heures");
        await app.AdvanceAsync(target, ProposalStatus.Published);
        await app.AdvanceAsync(duplicate, ProposalStatus.Published);
        var baobab = await app.ActorAsync("Baobab");
        var colibri = await app.ActorAsync("Colibri");
        await app.WithServiceAsync(s => s.SupportAsync(duplicate, baobab));
        await app.WithServiceAsync(s => s.SupportAsync(duplicate, colibri));
        await app.WithServiceAsync(s => s.SupportAsync(target, colibri));

        var facilitator = await app.ActorAsync(Facilitator);
        var noReason = await app.WithServiceAsync(s => s.MergeAsync(duplicate, target, null, facilitator));
        Assert.False(noReason.Succeeded);
        var merged = await app.WithServiceAsync(s => s.MergeAsync(duplicate, target, "Les deux demandent le wifi le soir.", facilitator));
        Assert.True(merged.Succeeded, string.Join(" ", merged.Errors.Values));

        var kept = await app.WithDbAsync(db => db.Proposals.Include(p => p.Authors).SingleAsync(p => p.Id == target));
        Assert.Equal(2, kept.Authors.Count);
        Assert.Equal(2, kept.SupportCount);
        var gone = await app.WithDbAsync(db => db.Proposals.SingleAsync(p => p.Id == duplicate));
        Assert.Equal(ProposalStatus.Merged, gone.Status);
        Assert.Equal(target, gone.MergedIntoId);
        Assert.Equal(3, await app.WithDbAsync(db => db.ProposalEvents.CountAsync(e => e.ProposalId == duplicate)));
        Assert.Contains(await app.WithDbAsync(db => db.ProposalEvents.Where(e => e.ProposalId == target).ToListAsync()), e => e.Kind == EventKind.MergedIn);

        // A finished proposal takes in no other.
        var late = await app.ProposeAsync("Baobab", "Le wifi le week-end aussi");
        await app.AdvanceAsync(late, ProposalStatus.Published);
        await app.AdvanceAsync(target, ProposalStatus.Done);
        var intoFinished = await app.WithServiceAsync(s => s.MergeAsync(late, target, "Même demande.", facilitator));
        Assert.Contains("encore en cours", intoFinished.Errors.Values.Single());

        var page = await app.CreateBrowserlessClient().GetDocumentAsync($"/propositions/{target}");
        Assert.Contains("Loutre", page.Text());
        Assert.Contains("Faucon", page.Text());
        Assert.NotNull(page.QuerySelector($"a[href='/propositions/{duplicate}']"));
    }

    [Fact]
    public async Task One_support_per_member_and_it_can_be_withdrawn()
    {
        var id = await app.ProposeAsync("Colibri", "Un goûter le mercredi");
        await app.AdvanceAsync(id, ProposalStatus.Published);
        var loutre = await app.ActorAsync("Loutre");
        Assert.True((await app.WithServiceAsync(s => s.SupportAsync(id, loutre))).Succeeded);
        var second = await app.WithServiceAsync(s => s.SupportAsync(id, loutre));
        Assert.Equal("Tu soutiens déjà cette proposition.", second.Errors.Values.Single());
        Assert.Equal(1, await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.SupportCount).SingleAsync()));
        Assert.True((await app.WithServiceAsync(s => s.WithdrawSupportAsync(id, loutre))).Succeeded);
        Assert.Equal(0, await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.SupportCount).SingleAsync()));
        Assert.False((await app.WithServiceAsync(s => s.WithdrawSupportAsync(id, loutre))).Succeeded);

        // Its author's voice is already in it.
        var author = await app.ActorAsync("Colibri");
        var own = await app.WithServiceAsync(s => s.SupportAsync(id, author));
        Assert.Equal("C'est ta proposition\u00a0: ta voix y compte déjà.", own.Errors.Values.Single());
    }

    [Fact]
    public async Task A_proposal_waiting_for_moderation_cannot_be_supported()
    {
        var id = await app.ProposeAsync("Colibri", "Un lapin au foyer");
        var loutre = await app.ActorAsync("Loutre");
        var result = await app.WithServiceAsync(s => s.SupportAsync(id, loutre));
        Assert.False(result.Succeeded);
    }
}
