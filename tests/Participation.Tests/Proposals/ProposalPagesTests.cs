using System.Net;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Tests.Media;
using Participation.Web.Accounts;
using Participation.Web.Demo;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Tests.Proposals;

[Collection(SharedAppCollection.Name)]
public sealed class ProposalPagesTests(ParticipationApp app)
{
    private static string Login(string role) => DemoSeeder.Logins.First(l => l.Role == role).Login;

    [Fact]
    public async Task Search_ignores_accents_and_case_both_ways()
    {
        var id = await app.ProposeAsync("Baobab", "Plus de sécurité à la sortie du collège", "Un adulte à la sortie des cours, pour que les élèves se sentent en sécurité.");
        await app.AdvanceAsync(id, ProposalStatus.Published);
        var plain = await app.CreateBrowserlessClient().GetDocumentAsync("/propositions?q=SECURITE+eleves");
        Assert.NotNull(plain.QuerySelector($"a[href='/propositions/{id}']"));
        var accented = await app.CreateBrowserlessClient().GetDocumentAsync("/propositions?q=coll%C3%A8g");
        Assert.NotNull(accented.QuerySelector($"a[href='/propositions/{id}']"));
        var nothing = await app.CreateBrowserlessClient().GetDocumentAsync("/propositions?q=xylophone");
        Assert.Equal("Aucune proposition trouvée", nothing.QuerySelector(".result-count")!.TextContent);
    }

    [Fact]
    public async Task Filters_narrow_the_list_by_theme_origin_status_age_and_plan()
    {
        var node = await app.WithDbAsync(db => db.PlanNodes.Where(n => n.IsLeaf && n.Plan!.IsPrimary).OrderBy(n => n.Id).Skip(5).Select(n => new { n.Id, n.ParentId }).FirstAsync());
        var id = await app.ProposeAsync("Colibri", "Un cours de danse le samedi", themes: Theme.Leisure | Theme.SocialLife, planNodes: [node.Id]);
        await app.AdvanceAsync(id, ProposalStatus.RetainedByCouncil);
        var client = app.CreateBrowserlessClient();
        var hit = $"a[href='/propositions/{id}']";

        Assert.NotNull((await client.GetDocumentAsync($"/propositions?q=danse&theme=vie-sociale&origine=en-ligne&statut=retenue&tranche=7-10&noeud={node.Id}")).QuerySelector(hit));
        Assert.NotNull((await client.GetDocumentAsync($"/propositions?q=danse&noeud={node.ParentId}")).QuerySelector(hit));
        Assert.Null((await client.GetDocumentAsync("/propositions?q=danse&theme=sante")).QuerySelector(hit));
        Assert.Null((await client.GetDocumentAsync("/propositions?q=danse&tranche=15-17")).QuerySelector(hit));
        Assert.Null((await client.GetDocumentAsync("/propositions?q=danse&statut=publiee")).QuerySelector(hit));
        Assert.Null((await client.GetDocumentAsync("/propositions?q=danse&origine=papier")).QuerySelector(hit));
    }

    [Fact]
    public async Task A_proposal_awaiting_moderation_is_seen_only_by_its_author_and_the_team()
    {
        var id = await app.ProposeAsync("Faucon", "Une salle de musique");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync($"/propositions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInClientAsync("Loutre")).GetAsync($"/propositions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInClientAsync("Faucon")).GetAsync($"/propositions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInClientAsync(Login(Roles.Moderator))).GetAsync($"/propositions/{id}")).StatusCode);
        var list = await app.CreateBrowserlessClient().GetDocumentAsync("/propositions?q=musique");
        Assert.Null(list.QuerySelector($"a[href='/propositions/{id}']"));
    }

    [Fact]
    public async Task The_detail_page_shows_the_whole_trail_and_what_became_of_the_proposal()
    {
        var id = await app.ProposeAsync("Loutre", "Des rideaux occultants dans les chambres");
        await app.AdvanceAsync(id, ProposalStatus.Integrated);
        var page = await app.CreateBrowserlessClient().GetDocumentAsync($"/propositions/{id}");
        Assert.Equal("Ce que nous avons fait de votre parole", page.QuerySelector("#parcours")!.TextContent);
        var steps = page.QuerySelectorAll(".trail-step");
        Assert.Equal(6, steps.Length);
        Assert.Contains("Déposée par Loutre", steps[0].TextContent);
        Assert.Contains("Intégrée", steps[^1].TextContent);
        Assert.Contains("Loutre", page.QuerySelector(".facts")!.TextContent);
        Assert.NotNull(page.QuerySelector(".plan-links a[href^='/schema/']"));
    }

    [Fact]
    public async Task The_numbers_to_call_stand_beside_the_field_where_a_young_person_writes()
    {
        var form = await (await app.SignedInClientAsync("Faucon")).GetDocumentAsync("/propositions/nouvelle");
        var help = form.QuerySelector("#texte-secours")!;
        Assert.Equal(["tel:119", "tel:3114"], help.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("texte-secours", form.QuerySelector("textarea[name=Text]")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task A_member_proposes_through_the_form_and_mistakes_are_explained_without_losing_the_text()
    {
        var client = await app.SignedInClientAsync("Baobab");
        var tooShort = await client.PostFormAsync("/propositions/nouvelle", new Dictionary<string, string>
        {
            ["Title"] = "Aide au permis", ["Text"] = "Trop court", ["Themes"] = "sortie-ase",
        });
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        var page = await tooShort.ParseAsync();
        Assert.Equal("Ton texte est trop court\u00a0: encore 10 caractères.", page.QuerySelector("#erreur-text")!.TextContent);
        Assert.Equal("Aide au permis", page.QuerySelector("input[name=Title]")!.GetAttribute("value"));
        Assert.Equal("Trop court", page.QuerySelector("textarea[name=Text]")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[value=sortie-ase][checked]"));

        var action = await app.WithDbAsync(db => db.PlanNodes.Where(n => n.IsLeaf && n.Plan!.IsPrimary).Select(n => n.Id).FirstAsync());
        var sent = await client.PostFormAsync("/propositions/nouvelle", new Dictionary<string, string>
        {
            ["Title"] = "Aide au permis de conduire", ["Text"] = "Financer une partie du permis pour les jeunes majeurs qui cherchent un emploi.", ["Themes"] = "sortie-ase", ["PlanNodeId"] = action.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var detail = await client.GetDocumentAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("Merci", detail.QuerySelector(".notice")!.TextContent);
        Assert.Contains("déposée", detail.QuerySelector(".status")!.TextContent);
        // One confirmation, not a second box saying the same thing.
        Assert.DoesNotContain("Reçue.", detail.Text());
        Assert.Single(detail.QuerySelectorAll("main .notice"));
        Assert.Contains("18–25 ans", detail.Text());
    }

    [Fact]
    public async Task A_member_supports_once_through_the_page()
    {
        var id = await app.ProposeAsync("Colibri", "Des vélos pour le foyer");
        await app.AdvanceAsync(id, ProposalStatus.Published);
        var client = await app.SignedInClientAsync("Faucon");
        var first = await client.PostFormAsync($"/propositions/{id}?handler=Support", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var page = await client.GetDocumentAsync($"/propositions/{id}");
        Assert.Contains("Retirer mon soutien", page.QuerySelector(".support-form")!.TextContent);

        var form = await client.GetDocumentAsync($"/propositions/{id}");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var second = await client.PostAsync($"/propositions/{id}?handler=Support", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Contains("déjà", (await second.ParseAsync()).QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.Supports.CountAsync(s => s.ProposalId == id)));
    }

    [Fact]
    public async Task The_schema_shows_linked_proposals_and_progress()
    {
        var node = await app.WithDbAsync(db => db.PlanNodes.Where(n => n.IsLeaf && n.Plan!.IsPrimary).OrderByDescending(n => n.Id).Select(n => new { n.Id, n.Code }).FirstAsync());
        var id = await app.ProposeAsync("Baobab", "Un parrainage pour les jeunes majeurs", planNodes: [node.Id]);
        await app.AdvanceAsync(id, ProposalStatus.Done);
        var page = await app.CreateBrowserlessClient().GetDocumentAsync("/schema");
        var leaf = page.QuerySelector($"li[id='node-{node.Code}']")!;
        Assert.NotNull(leaf.QuerySelector($"a[href='/propositions/{id}']"));
        Assert.Contains("réalisée", leaf.TextContent);
        Assert.NotNull(leaf.QuerySelector($"a[href='/propositions?noeud={node.Id}']"));
        Assert.All(page.QuerySelectorAll(".plan-progress progress"), p => Assert.NotNull(p.GetAttribute("max")));
    }

    [Fact]
    public async Task Each_action_has_its_own_page_with_where_it_stands_its_proposals_and_what_was_done()
    {
        var node = await app.WithDbAsync(db => db.PlanNodes.Where(n => n.IsLeaf && n.Plan!.IsPrimary && n.Code == "3.1.4")
            .Select(n => new { n.Id, n.Code, n.Title, n.Plan!.Slug }).SingleAsync());
        var id = await app.ProposeAsync("Baobab", "Le wifi ouvert le soir", planNodes: [node.Id]);
        await app.AdvanceAsync(id, ProposalStatus.Done);
        var visitor = app.CreateBrowserlessClient();
        var url = $"/schema/{node.Slug}/{node.Code}";
        var page = await visitor.GetDocumentAsync(url);
        Assert.Contains($"Action {node.Code}", page.QuerySelector("h1")!.TextContent);
        Assert.Contains(node.Title, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("réalisées", page.QuerySelector(".action-state-line")!.TextContent);
        var done = page.QuerySelector(".done-list")!;
        Assert.NotNull(done.QuerySelector($"a[href='/propositions/{id}']"));
        Assert.Contains("Le wifi reste ouvert jusqu'à 22 heures", done.TextContent);
        Assert.NotNull(page.QuerySelector($".proposal-list a[href='/propositions/{id}']"));
        // Its themes, and the way back up the plan.
        Assert.Contains("numérique", page.QuerySelector(".proposal-tags")!.TextContent.ToLowerInvariant());
        Assert.NotNull(page.QuerySelector($"nav.eyebrow a[href='/schema/{node.Slug}#node-3.1']"));

        // The proposal's page leads there, and the plan's tree too.
        var detail = await visitor.GetDocumentAsync($"/propositions/{id}");
        Assert.NotNull(detail.QuerySelector($".plan-links a[href='{url}']"));
        Assert.Contains("Ce qui a été fait", detail.QuerySelector(".trail")!.TextContent);
        Assert.NotNull((await visitor.GetDocumentAsync("/schema")).QuerySelector($".plan-leaf a[href='{url}']"));

        // A key commitment names its actions by their titles.
        var commitments = (await visitor.GetDocumentAsync("/schema")).QuerySelectorAll(".commitment-actions li").Select(li => li.TextContent).ToList();
        Assert.Contains(commitments, c => c.Contains(node.Title));

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/schema/{node.Slug}/9.9.9")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/schema/{node.Slug}/3")).StatusCode);
    }

    [Fact]
    public async Task The_triage_board_shows_the_start_of_each_text_and_hints_at_a_likely_duplicate()
    {
        var first = await app.ProposeAsync("Colibri", "Laisser la console allumée le samedi soir", "Le samedi soir on voudrait jouer à la console après le repas, avec les copains du groupe.");
        var second = await app.ProposeAsync("Faucon", "La console le samedi soir après le repas", "Pouvoir jouer le samedi soir, au moins une heure, quand les devoirs sont faits.");
        var unrelated = await app.ProposeAsync("Loutre", "Des rideaux opaques dans les chambres", "Pour dormir quand il fait jour en été, des rideaux qui coupent la lumière.");
        var board = await (await app.SignedInClientAsync(Login(Roles.Admin))).GetDocumentAsync("/pilotage/propositions?statut=deposee&q=samedi+soir");
        var row = board.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th > a")!.GetAttribute("href") == $"/pilotage/propositions/{first}");
        Assert.Contains("jouer à la console après le repas", row.QuerySelector(".triage-excerpt")!.TextContent);
        Assert.NotNull(row.QuerySelector($".duplicate-hint a[href='/pilotage/propositions/{second}']"));
        Assert.Null(row.QuerySelector($".duplicate-hint a[href='/pilotage/propositions/{unrelated}']"));

        // « Réalisée » needs its own text for each proposal: the board refuses it even when forged.
        var staff = await app.SignedInClientAsync(Login(Roles.Admin));
        var forged = await (await staff.ForgeHandlerAsync("/pilotage/propositions?statut=deposee", "", new Dictionary<string, string> { ["statut"] = "deposee", ["Ids"] = $"{first}", ["To"] = "realisee", ["Reason"] = "Fait." })).ParseAsync();
        Assert.Contains("depuis la page de chaque proposition", forged.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(ProposalStatus.Deposited, await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == first).Select(p => p.Status).SingleAsync()));

        // A title of one meaningful word hints at nothing: one shared word says too little.
        Assert.Null(ProposalSearch.ToSimilarQuery("Le wifi"));
        Assert.True(ProposalSearch.MeaningfulWords("Laisser la console allumée le samedi soir").SetEquals(["laisser", "console", "allumee", "samedi", "soir"]));
    }

    [Fact]
    public async Task Carried_out_takes_an_optional_public_link_shown_in_the_trail_and_on_the_action_page()
    {
        var node = await app.WithDbAsync(db => db.PlanNodes.Where(n => n.IsLeaf && n.Plan!.IsPrimary && n.Code == "3.1.2")
            .Select(n => new { n.Id, n.Code, n.Plan!.Slug }).SingleAsync());
        var id = await app.ProposeAsync("Colibri", "Cuisiner le dimanche avec le groupe", planNodes: [node.Id]);
        await app.AdvanceAsync(id, ProposalStatus.Integrated);
        var admin = await app.ActorAsync(Login(Roles.Admin));
        var wrong = await app.WithServiceAsync(s => s.ChangeStatusAsync([id], ProposalStatus.Done, "Un atelier cuisine chaque dimanche.", admin, "javascript:alert(1)"));
        Assert.Contains("https://", wrong.Errors["Link"]);
        Assert.Equal(ProposalStatus.Integrated, await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));

        var done = await app.WithServiceAsync(s => s.ChangeStatusAsync([id], ProposalStatus.Done, "Un atelier cuisine chaque dimanche.", admin, "https://bellerive.example/ateliers-cuisine"));
        Assert.True(done.Succeeded, string.Join(" ", done.Errors.Values));
        var visitor = app.CreateBrowserlessClient();
        var trail = (await visitor.GetDocumentAsync($"/propositions/{id}")).QuerySelector(".trail-link a")!;
        Assert.Equal("https://bellerive.example/ateliers-cuisine", trail.GetAttribute("href"));
        Assert.Contains("nofollow", trail.GetAttribute("rel"));
        var action = await visitor.GetDocumentAsync($"/schema/{node.Slug}/{node.Code}");
        Assert.NotNull(action.QuerySelector(".done-list a[href='https://bellerive.example/ateliers-cuisine']"));

        // A link goes only with « réalisée ».
        Assert.NotNull(Lifecycle.CheckLink(ProposalStatus.Published, "https://bellerive.example"));
    }

    [Fact]
    public async Task Carried_out_takes_an_optional_photo_without_its_metadata_public_only_while_its_proposal_is()
    {
        var node = await app.WithDbAsync(db => db.PlanNodes.Where(n => n.IsLeaf && n.Plan!.IsPrimary && n.Code == "3.1.2")
            .Select(n => new { n.Id, n.Code, n.Plan!.Slug }).SingleAsync());
        var id = await app.ProposeAsync("Colibri", "Un atelier vélo au foyer le mercredi", planNodes: [node.Id]);
        await app.AdvanceAsync(id, ProposalStatus.Integrated);
        var staff = await app.SignedInClientAsync(Login(Roles.Admin));
        var url = $"/pilotage/propositions/{id}";
        var stored = () => System.IO.Directory.EnumerateFiles(app.MediaFolder).Count();
        var before = stored();
        var fields = new Dictionary<string, string> { ["To"] = "realisee", ["Reason"] = "Un atelier vélo ouvre chaque mercredi au foyer.", ["PhotoAlt"] = "" };
        var photo = ("Photo", MediaSamples.PhotoWithGps(), "IMG_0042.jpg", "image/jpeg");
        var status = () => app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.Status).SingleAsync());

        // Without words for whoever cannot see it: refused, nothing written, and the page asks for the photo again.
        var noWords = await (await staff.PostMultipartAsync(url, fields, [photo], formIndex: 0)).ParseAsync();
        Assert.Contains("ce que montre la photo", noWords.QuerySelector("#erreur-photoalt")!.TextContent);
        Assert.Contains("choisissez-la à nouveau", noWords.QuerySelector("#erreur-photo")!.TextContent);
        Assert.Equal("Un atelier vélo ouvre chaque mercredi au foyer.", noWords.QuerySelector("#raison")!.TextContent);
        Assert.Equal(ProposalStatus.Integrated, await status());
        Assert.Equal(before, stored());

        // A facilitator may not mark it « réalisée »: refused before the photo is even read.
        var facilitator = await app.SignedInClientAsync(Login(Roles.Facilitator));
        var notTheirs = await (await facilitator.PostMultipartAsync(url, new Dictionary<string, string>(fields) { ["PhotoAlt"] = "L'atelier vélo, avec ses outils" }, [photo], handler: "Status")).ParseAsync();
        Assert.Contains("est réservé à", notTheirs.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(ProposalStatus.Integrated, await status());
        Assert.Equal(before, stored());

        // A phone's heavy photo is told it is too heavy, with the words typed kept.
        fields["PhotoAlt"] = "L'atelier vélo, avec ses outils accrochés au mur";
        var heavy = await (await staff.PostMultipartAsync(url, fields, [("Photo", new byte[9 * 1024 * 1024], "IMG_0043.jpg", "image/jpeg")], formIndex: 0)).ParseAsync();
        Assert.Contains("trop lourde", heavy.QuerySelector("#erreur-photo")!.TextContent);
        Assert.Equal("L'atelier vélo, avec ses outils accrochés au mur", heavy.QuerySelector("#photo-texte")!.GetAttribute("value"));
        Assert.Equal(before, stored());

        // A file that is not a photo, whatever it says it is.
        fields["PhotoAlt"] = "L'atelier vélo, avec ses outils accrochés au mur";
        var notPhoto = await (await staff.PostMultipartAsync(url, fields, [("Photo", MediaSamples.Executable(), "atelier.jpg", "image/jpeg")], formIndex: 0)).ParseAsync();
        Assert.Contains("n'est pas une photo", notPhoto.QuerySelector("#erreur-photo")!.TextContent);
        Assert.Equal(ProposalStatus.Integrated, await status());
        Assert.Equal(before, stored());

        var sent = await staff.PostMultipartAsync(url, fields, [photo], formIndex: 0);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(ProposalStatus.Done, await status());
        var step = await app.WithDbAsync(db => db.ProposalEvents.SingleAsync(e => e.ProposalId == id && e.ToStatus == ProposalStatus.Done));
        Assert.Equal("L'atelier vélo, avec ses outils accrochés au mur", step.PhotoAlt);
        Assert.Equal((400, 200), (step.PhotoWidth, step.PhotoHeight));
        var path = Path.Combine(app.MediaFolder, step.PhotoFile!);
        Assert.Empty(ImageMetadataReader.ReadMetadata(path).OfType<GpsDirectory>());
        Assert.DoesNotContain("IMG_0042", step.PhotoFile);
        Assert.Equal(before + 1, stored());

        // Everyone sees it in the trail and on the action's page, with its words.
        var visitor = app.CreateBrowserlessClient();
        var img = (await visitor.GetDocumentAsync($"/propositions/{id}")).QuerySelector(".trail .done-photo img")!;
        Assert.Equal("L'atelier vélo, avec ses outils accrochés au mur", img.GetAttribute("alt"));
        Assert.Equal("400", img.GetAttribute("width"));
        var src = img.GetAttribute("src")!;
        Assert.NotNull((await visitor.GetDocumentAsync($"/schema/{node.Slug}/{node.Code}")).QuerySelector($".done-list img[src='{src}']"));
        var served = await visitor.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);

        // Once the proposal is no longer public, the photo goes with it, except for the team.
        await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).ExecuteUpdateAsync(set => set.SetProperty(p => p.HeldForSafety, true)));
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(src)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInClientAsync("Faucon")).GetAsync(src)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(src)).StatusCode);
        }
        finally
        {
            await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).ExecuteUpdateAsync(set => set.SetProperty(p => p.HeldForSafety, false)));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(DonePhotoEndpoint.Url("..%2F..%2Fappsettings.json"))).StatusCode);

        // It showed what it should not: a facilitator cannot take it down, the team that watches over safety can.
        Assert.Null((await facilitator.GetDocumentAsync(url)).QuerySelector("#photo-publiee"));
        var forged = await (await facilitator.ForgeHandlerAsync(url, "RemovePhoto", new Dictionary<string, string>())).ParseAsync();
        Assert.Contains("Seuls la modération et le pilotage", forged.QuerySelector(".error-summary")!.TextContent);
        Assert.True(File.Exists(path));
        var moderator = await app.SignedInClientAsync(Login(Roles.Moderator));
        var removed = await moderator.SubmitHandlerAsync(url, "RemovePhoto", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(File.Exists(path));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(src)).StatusCode);
        var after = await visitor.GetDocumentAsync($"/propositions/{id}");
        Assert.Null(after.QuerySelector(".done-photo"));
        Assert.Contains("Un atelier vélo ouvre chaque mercredi", after.QuerySelector(".trail")!.TextContent);

        // A photo goes only with « réalisée », one proposal at a time.
        Assert.NotNull(Lifecycle.CheckPhoto(ProposalStatus.Published, 1, "Une photo de l'atelier"));
        Assert.NotNull(Lifecycle.CheckPhoto(ProposalStatus.Done, 2, "Une photo de l'atelier"));
        Assert.Null(Lifecycle.CheckPhoto(ProposalStatus.Done, 1, "Une photo de l'atelier"));
    }

    [Fact]
    public async Task My_proposals_are_paged_and_the_second_page_shows_the_next_ones()
    {
        const string author = "Faucon";
        var memberId = (await app.ActorAsync(author)).MemberId;
        var mine = await app.WithDbAsync(db => db.ProposalAuthors.CountAsync(a => a.MemberId == memberId));
        for (var i = mine; i < 25; i++)
        {
            await app.ProposeAsync(author, $"Mon idée numéro {i + 1}");
        }
        var client = await app.SignedInClientAsync(author);
        var first = await client.GetDocumentAsync("/propositions/miennes");
        Assert.StartsWith("Page 1 sur ", first.QuerySelector(".page-position")!.TextContent);
        var next = first.QuerySelector(".pagination a")!.GetAttribute("href")!;
        Assert.Equal("/propositions/miennes?page=2", next);
        var second = await client.GetDocumentAsync(next);
        Assert.StartsWith("Page 2 sur ", second.QuerySelector(".page-position")!.TextContent);
        static IEnumerable<string> Links(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll(".proposal-list a").Select(a => a.GetAttribute("href")!);
        Assert.NotEmpty(Links(second));
        Assert.Empty(Links(first).Intersect(Links(second)));
    }

    [Fact]
    public async Task Every_page_of_the_list_can_be_reached_and_shows_other_proposals()
    {
        var visitor = app.CreateBrowserlessClient();
        var first = await visitor.GetDocumentAsync("/propositions");
        var position = first.QuerySelector(".page-position")!.TextContent;
        Assert.StartsWith("Page 1 sur ", position);
        var next = first.QuerySelector(".pagination a")!.GetAttribute("href")!;
        Assert.Equal("/propositions?page=2", next);
        var second = await visitor.GetDocumentAsync(next);
        Assert.StartsWith("Page 2 sur ", second.QuerySelector(".page-position")!.TextContent);
        static IEnumerable<string> Links(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll(".proposal-list a").Select(a => a.GetAttribute("href")!);
        Assert.Empty(Links(first).Intersect(Links(second)));

        // The triage board pages too, keeping its step, without a word about the address.
        var staff = await app.SignedInClientAsync(Login(Roles.Admin));
        var board = await staff.GetDocumentAsync("/pilotage/propositions?statut=publiee");
        Assert.Null(board.QuerySelector(".error-summary"));
        var boardNext = board.QuerySelector(".pagination a")!.GetAttribute("href")!;
        Assert.Contains("statut=publiee", boardNext);
        var boardSecond = await staff.GetDocumentAsync(boardNext);
        Assert.Null(boardSecond.QuerySelector(".error-summary"));
        Assert.Contains("page 2 sur", boardSecond.QuerySelector("caption")!.TextContent);
    }
}
