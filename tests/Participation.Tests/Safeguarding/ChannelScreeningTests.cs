using System.Net;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Consultations;
using Participation.Web.Demo;
using Participation.Web.Proposals;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Tests.Safeguarding;

/// <summary>
/// Proposals and questionnaire answers, through the real host: a text that may say someone is in
/// danger is held, a case is opened, and its author reads at once who will read it and whom to call.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class ChannelScreeningTests(ParticipationApp app)
{
    private static readonly string Moderator = $"moderation@{DemoSeeder.Domain}";
    private static readonly string Admin = $"pilotage@{DemoSeeder.Domain}";

    private Task<SafetyCase?> CaseAsync(SafetyChannel channel, int sourceId) =>
        app.WithDbAsync(db => db.SafetyCases.Include(c => c.Actions).SingleOrDefaultAsync(c => c.Channel == channel && c.SourceId == sourceId.ToString()));

    private static void AssertHelpNumbers(AngleSharp.Dom.IDocument page)
    {
        var help = page.QuerySelector("#aide-maintenant .help-now");
        Assert.NotNull(help);
        foreach (var number in new[] { "tel:119", "tel:3114", "tel:0800235236", "tel:3018", "sms:114", "tel:112" })
        {
            Assert.NotNull(help.QuerySelector($"a[href='{number}']"));
        }
    }

    [Fact]
    public async Task A_risky_proposal_is_held_with_a_case_and_its_young_author_reads_who_will_read_it_and_whom_to_call()
    {
        var faucon = await app.SignedInClientAsync("Faucon");
        var form = await faucon.GetDocumentAsync("/propositions/nouvelle");
        Assert.NotNull(form.QuerySelector("#texte-secours a[href='tel:119']"));
        Assert.NotNull(form.QuerySelector("#texte-secours a[href='tel:3114']"));

        var sent = await faucon.PostFormAsync("/propositions/nouvelle", new Dictionary<string, string>
        {
            ["Title"] = "Le soir au foyer", ["Text"] = "Mon éducateur me frappe quand les autres dorment et j'ai peur de rentrer ce soir.", ["Themes"] = "vie-quotidienne",
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var location = sent.Headers.Location!.OriginalString;
        var id = int.Parse(location.Split('?')[0].Split('/')[^1]);

        var proposal = await app.WithDbAsync(db => db.Proposals.SingleAsync(p => p.Id == id));
        Assert.True(proposal.HeldForSafety);
        Assert.Equal(ProposalStatus.Deposited, proposal.Status);
        var safetyCase = await CaseAsync(SafetyChannel.Proposal, id);
        Assert.NotNull(safetyCase);
        Assert.Contains("Violence", safetyCase.Categories);
        Assert.Equal("Faucon", safetyCase.AuthorPseudonym);
        Assert.Equal((await app.ActorAsync("Faucon")).MemberId, safetyCase.AuthorMemberId);
        Assert.Contains("me frappe", safetyCase.Text);

        var page = await faucon.GetDocumentAsync(location);
        var notice = page.QuerySelector("#aide-maintenant")!.TextContent;
        Assert.Contains("Un adulte de l'équipe va lire ton message très vite", notice);
        Assert.DoesNotContain("bloqué", page.Text());
        Assert.DoesNotContain("sera publiée", page.Text());
        AssertHelpNumbers(page);
        // The notice stays while the proposal is held, whenever its author comes back.
        AssertHelpNumbers(await faucon.GetDocumentAsync($"/propositions/{id}"));

        // Nobody outside the team reads it; the team sees it is held and where its case is.
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync($"/propositions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInClientAsync("Loutre")).GetAsync($"/propositions/{id}")).StatusCode);
        var moderator = await app.SignedInClientAsync(Moderator);
        var manage = await moderator.GetDocumentAsync($"/pilotage/propositions/{id}");
        Assert.NotNull(manage.QuerySelector($".notice-urgent a[href='/pilotage/vigilance/cas/{safetyCase.Id}']"));
        Assert.Null(manage.QuerySelector("#etape"));
        var triage = await moderator.GetDocumentAsync("/pilotage/propositions?statut=deposee&q=foyer");
        Assert.Contains("sécurité", triage.QuerySelector($"a[href='/pilotage/propositions/{id}']")!.ParentElement!.TextContent);

        // A facilitator triages proposals, but a held one is the moderators' alone: not even its title.
        var facilitator = await app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync($"/propositions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync($"/pilotage/propositions/{id}")).StatusCode);
        var theirs = await facilitator.GetDocumentAsync("/pilotage/propositions?statut=deposee&q=soir");
        Assert.Null(theirs.QuerySelector($"a[href='/pilotage/propositions/{id}']"));
        Assert.DoesNotContain("Le soir au foyer", theirs.Text());
        // Nor can anyone answer it in public while it is held.
        var answered = await app.WithServiceAsync(s => s.AnswerAsync(id, "Merci pour cette idée.", Web.Shared.Actor.System("test")));
        Assert.False(answered.Succeeded);
    }

    [Fact]
    public async Task A_held_proposal_moves_only_from_its_case_and_publishing_it_there_returns_it_to_triage()
    {
        var id = await app.ProposeAsync("Baobab", "Plus envie de rien", "Je pense à me tuer depuis que je suis sorti du foyer, je ne vois plus d'issue.");
        Assert.True(await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.HeldForSafety).SingleAsync()));
        var admin = await app.ActorAsync(Admin);

        var moved = await app.WithServiceAsync(s => s.ChangeStatusAsync([id], ProposalStatus.Published, null, admin));
        Assert.False(moved.Succeeded);
        Assert.Contains("se traite depuis son cas", string.Join(" ", moved.Errors.Values));
        var other = await app.ProposeAsync("Baobab", "Un carnet d'adresses utiles", "Une liste des services utiles après 18 ans, remise à la sortie.");
        Assert.False((await app.WithServiceAsync(s => s.MergeAsync(id, other, "doublon", admin))).Succeeded);
        Assert.Equal(ProposalStatus.Deposited, await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));

        var safetyCase = (await CaseAsync(SafetyChannel.Proposal, id))!;
        Assert.Contains("Suicide", safetyCase.Categories);
        var moderator = await app.SignedInClientAsync(Moderator);
        var url = $"/pilotage/vigilance/cas/{safetyCase.Id}";
        await moderator.GetDocumentAsync(url);
        var published = await moderator.PostFormAsync(url, new Dictionary<string, string> { ["Kind"] = "Published", ["Reason"] = "Vu avec son référent ; il veut que l'idée soit lue." }, formIndex: 0);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        // Released, it goes back to triage as if never held: nothing in its public trail says it was.
        var after = await app.WithDbAsync(db => db.Proposals.Include(p => p.Events).SingleAsync(p => p.Id == id));
        Assert.False(after.HeldForSafety);
        Assert.Equal(ProposalStatus.Deposited, after.Status);
        Assert.True((await app.WithServiceAsync(s => s.ChangeStatusAsync([id], ProposalStatus.Published, null, admin))).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlessClient().GetAsync($"/propositions/{id}")).StatusCode);
        var baobab = await app.SignedInClientAsync("Baobab");
        Assert.Null((await baobab.GetDocumentAsync($"/propositions/{id}")).QuerySelector("#aide-maintenant"));
    }

    [Fact]
    public async Task A_child_who_gives_a_school_name_is_told_gently_and_a_parents_words_typed_in_by_the_team_are_held()
    {
        var colibri = await app.SignedInClientAsync("Colibri");
        var sent = await colibri.PostFormAsync("/propositions/nouvelle", new Dictionary<string, string>
        {
            ["Title"] = "Un goûter plus grand", ["Text"] = "Au collège Jean Moulin on a faim à quatre heures, il faudrait un goûter.", ["Themes"] = "alimentation",
        });
        var id = int.Parse(sent.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);
        Assert.False(await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.HeldForSafety).SingleAsync()));
        Assert.Null(await CaseAsync(SafetyChannel.Proposal, id));
        var page = await colibri.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("Ne donne pas ton numéro, ton adresse ni le nom de ton école ici", page.QuerySelector("[role=status]")!.TextContent);

        // Parents write proposals through the team, on paper or by phone: held the same way, in « vous » on the page.
        var staff = await app.SignedInClientAsync(Admin);
        var held = await staff.PostFormAsync("/propositions/nouvelle", new Dictionary<string, string>
        {
            ["Title"] = "À la maison", ["Text"] = "Mon conjoint frappe ma fille le soir et je ne sais pas à qui le dire.", ["Themes"] = "liens-familiaux",
            ["OnBehalf"] = nameof(AuthorKind.Parent), ["Channel"] = Channel.Phone.Slug(),
        });
        var heldId = int.Parse(held.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);
        Assert.Contains("Violence", (await CaseAsync(SafetyChannel.Proposal, heldId))!.Categories);
    }

    [Fact]
    public async Task A_child_who_writes_that_someone_hurts_them_reads_words_for_their_age_and_the_numbers_meant_for_children()
    {
        var colibri = await app.SignedInClientAsync("Colibri");
        var sent = await colibri.PostFormAsync("/propositions/nouvelle", new Dictionary<string, string>
        {
            ["Title"] = "le soir", ["Text"] = "le monsieur du foyer il me tap quand je pleure le soir", ["Themes"] = "vie-quotidienne",
        });
        var page = await colibri.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        var help = page.QuerySelector("#aide-maintenant")!;
        Assert.Contains("Si tu as peur ou si on te fait du mal, appelle le 119", help.TextContent);
        Assert.NotNull(help.QuerySelector("a[href='tel:119']"));
        Assert.NotNull(help.QuerySelector("a[href='tel:112']"));
        Assert.Null(help.QuerySelector("a[href='tel:3114']"));
        var id = int.Parse(sent.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);
        Assert.Contains("7–10 ans", (await CaseAsync(SafetyChannel.Proposal, id))!.Origin);
    }

    [Fact]
    public async Task A_proposal_typed_in_by_staff_for_a_young_person_is_held_too()
    {
        var staff = await app.SignedInClientAsync(Admin);
        var sent = await staff.PostFormAsync("/propositions/nouvelle", new Dictionary<string, string>
        {
            ["Title"] = "Recopiée d'un papier", ["Text"] = "Je me scarifie le soir et personne au foyer ne le voit.", ["Themes"] = "sante",
            ["OnBehalf"] = nameof(AuthorKind.YoungMember), ["Channel"] = Channel.Paper.Slug(), ["AgeBand"] = AgeBand.From15To17.Slug(),
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var id = int.Parse(sent.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);
        var safetyCase = await CaseAsync(SafetyChannel.Proposal, id);
        Assert.NotNull(safetyCase);
        Assert.Null(safetyCase.AuthorMemberId);
        Assert.Contains("saisie par l'équipe", safetyCase.Origin);
        var page = await staff.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        Assert.NotNull(page.QuerySelector($".notice-urgent a[href='/pilotage/vigilance/cas/{safetyCase.Id}']"));
    }

    [Fact]
    public async Task A_parents_risky_written_answer_is_stored_held_out_of_results_export_and_proposals_until_released()
    {
        var q = await app.CreateQuestionnaireAsync("Questionnaire avec une réponse inquiétante");
        for (var i = 0; i < 5; i++)
        {
            (await app.CreateBrowserlessClient().SendAnswerAsync(q, q.CompleteAnswer($"Des rendez-vous plus souples, idée numéro {i}."))).AssertRedirectsToThanks(q.Slug);
        }
        var parent = app.CreateBrowserlessClient();
        var answerPage = await (await parent.PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["langue"] = "fr" }, "Start")).ParseAsync();
        Assert.NotNull(answerPage);
        var sent = await parent.SendAnswerAsync(q, q.CompleteAnswer("Mon fils dit qu'il veut mourir et il s'enferme, j'ai peur pour lui."));
        sent.AssertRedirectsToThanks(q.Slug);
        var thanks = await parent.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("Une personne de l'équipe va lire votre réponse très vite", thanks.QuerySelector("#aide-maintenant")!.TextContent);
        AssertHelpNumbers(thanks);
        Assert.Contains("vous", thanks.QuerySelector(".help-now")!.TextContent);

        // Stored whole: the response counts, its written answer is held.
        Assert.Equal(6, await app.SubmittedCountAsync(q.Id));
        var held = await app.WithDbAsync(db => db.Answers.SingleAsync(a => a.QuestionId == q["idee"].Id && a.Text!.Contains("mourir")));
        Assert.True(held.HeldForSafety);
        var safetyCase = await CaseAsync(SafetyChannel.QuestionnaireAnswer, held.Id);
        Assert.NotNull(safetyCase);
        Assert.Contains("Suicide", safetyCase.Categories);
        Assert.Contains("Questionnaire avec une réponse inquiétante", safetyCase.Origin);
        Assert.Null(safetyCase.AuthorMemberId);

        var staff = await app.SignedInClientAsync(Admin);
        var results = $"/pilotage/consultations/{q.Id}/resultats";
        var page = await staff.GetDocumentAsync(results);
        Assert.DoesNotContain("veut mourir", page.Text());
        Assert.Contains("1 réponse est mise de côté pour la sécurité", page.Text());
        Assert.Equal(5, page.QuerySelectorAll(".free-text").Length);
        var csv = await (await staff.GetAsync($"{results}?handler=Csv")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("veut mourir", csv);
        Assert.Contains(ConsultationResults.HeldForSafety, csv);
        var convert = $"/pilotage/consultations/{q.Id}/reponses/{held.Id}/proposition";
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(convert)).StatusCode);

        var moderator = await app.SignedInClientAsync(Moderator);
        var url = $"/pilotage/vigilance/cas/{safetyCase.Id}";
        await moderator.GetDocumentAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostFormAsync(url, new Dictionary<string, string> { ["Kind"] = "FalseAlarm", ["Reason"] = "Mère inquiète, orientée vers le CMP par téléphone." }, formIndex: 0)).StatusCode);
        // A false alarm closes the case; the answer stays held until someone publishes it.
        Assert.True(await app.WithDbAsync(db => db.Answers.Where(a => a.Id == held.Id).Select(a => a.HeldForSafety).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostFormAsync(url, new Dictionary<string, string> { ["Kind"] = "Published", ["Reason"] = "Rien d'identifiant : la réponse peut compter." }, formIndex: 0)).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Answers.Where(a => a.Id == held.Id).Select(a => a.HeldForSafety).SingleAsync()));
        Assert.Contains("veut mourir", (await staff.GetDocumentAsync(results)).Text());
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(convert)).StatusCode);
    }

    [Fact]
    public async Task An_answer_sent_with_an_invitation_code_in_arabic_is_held_and_the_parent_reads_it_in_arabic_beside_every_written_field()
    {
        var q = await app.CreateQuestionnaireAsync("Questionnaire sur invitation, en arabe", QuestionnaireAccess.Invitation, translations: ["ar"]);
        var code = (await app.InvitationCodesAsync(q.Id, 1))[0];
        var parent = app.CreateBrowserlessClient();
        var lastScreen = await (await parent.PostAnswerAsync(q.Slug, new Dictionary<string, string>(q.CompleteAnswer())
        {
            ["langue"] = "ar", ["code"] = code, ["partie"] = q.Sections[^2].ToString(System.Globalization.CultureInfo.InvariantCulture), ["action"] = "suivant",
        })).ParseAsync();
        var beside = lastScreen.QuerySelector($"#question-{q["idee"].Field} .help-beside");
        Assert.NotNull(beside);
        Assert.NotNull(beside.QuerySelector("a[href='tel:119']"));
        Assert.NotNull(beside.QuerySelector("a[href='tel:3114']"));
        Assert.Contains("طفل في خطر", beside.TextContent);

        var sent = await parent.SendAnswerAsync(q, q.CompleteAnswer("زوجي يضرب ابني كل ليلة وأنا خائفة. Il le frappe tous les soirs."), code, "ar");
        sent.AssertRedirectsToThanks(q.Slug);
        var thanks = await parent.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("سيقرأ أحد أعضاء الفريق إجابتك", thanks.QuerySelector("#aide-maintenant")!.TextContent);
        AssertHelpNumbers(thanks);
        var held = await app.WithDbAsync(db => db.Answers.SingleAsync(a => a.QuestionId == q["idee"].Id && a.Text!.Contains("frappe")));
        Assert.True(held.HeldForSafety);
        Assert.NotNull(await CaseAsync(SafetyChannel.QuestionnaireAnswer, held.Id));
    }

    [Fact]
    public async Task A_paper_answer_with_a_risk_is_held_and_the_person_typing_it_is_told()
    {
        var q = await app.CreateQuestionnaireAsync("Réponses papier à relire");
        var staff = await app.SignedInClientAsync(Admin);
        var paper = q.CompleteAnswer("Je n'en peux plus, je pense au suicide depuis le placement de mes enfants.");
        var saved = await staff.PostFormAsync($"/pilotage/consultations/{q.Id}/papier", paper);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await staff.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("mise de côté", page.QuerySelector(".notice-urgent")!.TextContent);
        var held = await app.WithDbAsync(db => db.Answers.SingleAsync(a => a.QuestionId == q["idee"].Id && a.Text!.Contains("suicide")));
        Assert.True(held.HeldForSafety);
        var safetyCase = await CaseAsync(SafetyChannel.QuestionnaireAnswer, held.Id);
        Assert.Contains("papier", safetyCase!.Origin);
    }

    [Fact]
    public async Task An_ordinary_written_answer_is_not_held_and_the_thanks_page_shows_no_alarm()
    {
        var q = await app.CreateQuestionnaireAsync("Réponse ordinaire");
        var parent = app.CreateBrowserlessClient();
        var sent = await parent.SendAnswerAsync(q, q.CompleteAnswer("J'ai eu une peur bleue le premier jour, mais l'équipe est très gentille."));
        sent.AssertRedirectsToThanks(q.Slug);
        Assert.DoesNotContain("lue=", sent.Headers.Location!.OriginalString);
        Assert.False(await app.WithDbAsync(db => db.Answers.AnyAsync(a => a.QuestionId == q["idee"].Id && a.HeldForSafety)));
    }
}
