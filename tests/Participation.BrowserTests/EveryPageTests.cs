using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Participation.BrowserTests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;
using Participation.Web.Peers;
using Participation.Web.Proposals;
using Participation.Web.Shared;
using Participation.Web.Testimonies;
using Xunit.Abstractions;

namespace Participation.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class EveryPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string[] PublicPages =
        ["/", "/a-propos", "/droits", "/aide", "/confidentialite", "/analyse-impact", "/accessibilite", "/mentions-legales", "/schema", "/schema/montclar-2023-2028", "/schema/bellerive-2025-2029/3.1.4",
         "/propositions", "/propositions?q=wifi&theme=numerique", "/propositions/{public}", "/propositions/{merged}",
         "/conseil", "/conseil/seances/1", "/conseil/seances/3",
         "/micro-trottoirs", "/micro-trottoirs/ton-foyer-ideal", "/micro-trottoirs/cafe-des-parents", "/micro-trottoirs/cafe-des-parents?qui=parent",
         "/micro-trottoirs/retrait", "/propositions/{fromtestimony}",
         "/entraide", "/entraide/ressources", "/entraide/ressources/droits-18-ans", "/entraide/feuille-de-route",
         "/charte", "/charte/alimentation"];

    // The charter's documents, read by anyone: checked once, as an anonymous visitor.
    private static readonly string[] CharterDocuments =
        ["/charte/versions/1", "/charte/versions/1?facile=1", "/charte/comparer?de=1&a=2", "/charte/comparer?de=1&a=2&tout=1", "/charte/certificats/1/{tilleuls}"];

    private static readonly string[] CharterSteeringPages =
        ["/pilotage/charte", "/pilotage/charte/versions/{charter1}", "/pilotage/charte/versions/{charter2}", "/pilotage/charte/versions/{charter2}/resultats", "/pilotage/charte/suivi"];

    // Parents answer without an account: these pages are checked as an anonymous visitor.
    private static readonly string[] ParentPages =
        ["/consultations", "/consultations/parents-place", "/consultations/parents-place?langue=ar", "/consultations/parents-place?langue=falc",
         "/consultations/parents-place?langue=en", "/consultations/rencontres-parents-professionnels", "/consultations/parents-place/merci?langue=ar", "/consultations/parents-place/merci?lue=true", "/consultations/parents-place/merci?langue=ar&lue=true",
         "/consultations/visites-en-presence-d-un-tiers"];

    private static readonly string[] SignedInPages = ["/espace", "/compte", "/compte/mes-donnees", "/compte/effacement", "/compte/deconnexion", "/notifications"];

    private static readonly string[] ProposerPages = ["/propositions/nouvelle", "/propositions/miennes"];

    private static readonly string[] StaffPages =
        ["/pilotage/propositions", "/pilotage/propositions?statut=publiee", "/pilotage/propositions/{public}", "/pilotage/observatoire"];

    private static readonly string[] ConsultationPages =
        ["/pilotage/consultations", "/pilotage/consultations/1", "/pilotage/consultations/1/questions/4", "/pilotage/consultations/1/traduction/ar",
         "/pilotage/consultations/1/resultats", "/pilotage/consultations/1/resultats?ventilation=langue", "/pilotage/consultations/1/papier",
         "/pilotage/consultations/1/imprimer?langue=ar",
         "/pilotage/consultations/2/invitations", "/pilotage/consultations/2/invitations/1", "/pilotage/consultations/1/reponses/{answer}/proposition",
         "/consultations/parents-place?apercu=true"];

    private static readonly string[] FieldPages =
        ["/pilotage/micro-trottoirs", "/pilotage/micro-trottoirs/nouveau", "/pilotage/micro-trottoirs/{campaign}", "/micro-trottoirs/ton-foyer-ideal/terrain"];

    private static readonly string[] TestimonyModerationPages =
        ["/pilotage/micro-trottoirs/{campaign}?etat=publies", "/pilotage/micro-trottoirs/temoignages/{testimony}", "/pilotage/micro-trottoirs/temoignages/{published}/proposition"];

    private static readonly string[] SafeguardingPages = ["/pilotage/vigilance/listes", "/pilotage/vigilance/urgences", "/pilotage/vigilance/tableau", "/pilotage/vigilance/cas/{case}"];

    private static readonly string[] PeerModerationPages =
        ["/pilotage/entraide", "/pilotage/entraide/messages/{peerpending}", "/pilotage/entraide/messages/{peerurgent}", "/pilotage/entraide/messages/{peerteens}", "/pilotage/entraide/journal",
         "/entraide/cercles/15-17", "/entraide/cercles/15-17/fils/{peerteens}"];

    private static readonly string[] PeerSteeringPages = ["/pilotage/entraide/cercles", "/pilotage/entraide/actions", "/pilotage/entraide/actions/{peeraction}"];

    // Each age band sees its own circles; the refusals are checked below with their status.
    private static readonly (string Login, string[] Pages)[] PeerMemberPages =
    [
        ("Loutre", ["/entraide/cercles/11-14"]),
        ("Faucon", ["/entraide/cercles/15-17", "/entraide/cercles/15-17/fils/{peerteens}"]),
        ("Baobab", ["/entraide/cercles/18-25", "/entraide/cercles/18-25-quitter-l-ase", "/entraide/cercles/{peerproposedcircle}/messages/{peerproposed}/proposition"]),
    ];

    private static readonly Dictionary<string, string[]> RolePages = new()
    {
        [Roles.Young] = [.. ProposerPages, "/micro-trottoirs/ton-foyer-ideal/repondre", "/charte/vote", "/charte/vote?n=2", "/charte/mon-avis"],
        [Roles.Parent] = ["/entraide/cercles/parents", "/entraide/cercles/parents/fils/{peerparents}", "/entraide/cercles/parents-parents-d-ados"],
        [Roles.Professional] = [.. ProposerPages, "/micro-trottoirs/cafe-des-parents/repondre", "/charte/avis"],
        [Roles.Establishment] = ["/charte/avis", "/etablissement/charte", "/etablissement/charte/suivi"],
        [Roles.Moderator] = [.. ProposerPages, .. StaffPages, "/pilotage/consultations", .. SafeguardingPages, .. FieldPages, .. TestimonyModerationPages, .. PeerModerationPages, .. PeerSteeringPages],
        [Roles.Facilitator] = ["/animation/jeunes", "/animation/jeunes/a-echeance", "/animation/jeunes/nouveau", "/animation/jeunes/{young}/lieu-de-vie", "/conseil/seances/nouvelle", .. ProposerPages, .. StaffPages, "/pilotage/consultations", .. FieldPages, .. PeerSteeringPages],
        [Roles.Admin] = ["/animation/jeunes", "/animation/jeunes/a-echeance", "/pilotage/effacements", "/animation/jeunes/nouveau", "/animation/jeunes/{young}/lieu-de-vie", "/animation/jeunes/{young}/lieu-de-vie?enregistre=true", "/pilotage/comptes", "/pilotage/comptes/animation", .. ProposerPages, .. StaffPages, .. ConsultationPages, .. SafeguardingPages, .. FieldPages, .. TestimonyModerationPages, .. PeerModerationPages, .. PeerSteeringPages, .. CharterSteeringPages],
    };

    [Fact]
    public async Task Every_page_for_every_role_passes_axe_and_the_html_checker_at_phone_and_desktop_widths()
    {
        var audit = new PageAudit();
        var site = browser.Site.BaseUrl;
        var publicId = await browser.Site.WithDbAsync(db => db.Proposals.Where(p => p.Status == ProposalStatus.Integrated).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var mergedId = await browser.Site.WithDbAsync(db => db.Proposals.Where(p => p.Status == ProposalStatus.Merged).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var answerId = await browser.Site.WithDbAsync(db => db.Answers.Where(a => a.Text != null).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var caseId = await browser.Site.WithDbAsync(db => db.SafetyCases.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var campaignId = await browser.Site.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == "ton-foyer-ideal").Select(c => c.Id).SingleAsync());
        // A testimony waiting with a photo and its words, and a published one: the moderation page at its fullest.
        var testimonyId = await browser.Site.WithDbAsync(db => db.Testimonies.Where(t => t.Status == TestimonyStatus.Pending && t.Text != null && t.Media.Any(m => m.Kind == MediaKind.Photo)).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync());
        var publishedId = await browser.Site.WithDbAsync(db => db.Testimonies.Where(t => t.Status == TestimonyStatus.Published && t.Media.Any()).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync());
        var fromTestimony = await browser.Site.WithDbAsync(db => db.ProposalTestimonies.Where(l => l.Kind == EvidenceKind.Origin).Select(l => l.ProposalId).FirstAsync());
        var teens = await browser.Site.WithDbAsync(db => db.PeerCircles.Where(c => c.Slug == "15-17").Select(c => c.Id).SingleAsync());
        var parents = await browser.Site.WithDbAsync(db => db.PeerCircles.Where(c => c.Slug == "parents").Select(c => c.Id).SingleAsync());
        var peerTeens = await browser.Site.WithDbAsync(db => db.PeerPosts.Where(p => p.CircleId == teens && p.ThreadId == null && p.Status == PostStatus.Published).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var peerParents = await browser.Site.WithDbAsync(db => db.PeerPosts.Where(p => p.CircleId == parents && p.ThreadId == null && p.Status == PostStatus.Published).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var peerPending = await browser.Site.WithDbAsync(db => db.PeerPosts.Where(p => p.Status == PostStatus.Pending && p.Hold == HoldReason.PersonalDetails).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var peerUrgent = await browser.Site.WithDbAsync(db => db.PeerPosts.Where(p => p.HeldForSafety).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var peerAction = await browser.Site.WithDbAsync(db => db.PeerActions.Where(a => a.Status == PeerActionStatus.Started).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        // A young member who lives in an establishment, for the page that changes it.
        var youngId = await browser.Site.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == "Colibri").Select(u => u.Id).SingleAsync());
        // A message Baobab wrote, from which the proposal form starts.
        var (peerProposed, peerProposedCircle) = await browser.Site.WithDbAsync(async db =>
        {
            var baobab = await db.Users.Where(u => u.Pseudonym == "Baobab").Select(u => u.Id).SingleAsync();
            var post = await db.PeerPosts.Where(p => p.AuthorId == baobab && p.Status == PostStatus.Published).OrderBy(p => p.Id).FirstAsync();
            return (post.Id, await db.PeerCircles.Where(c => c.Id == post.CircleId).Select(c => c.Slug).SingleAsync());
        });
        var tilleuls = await browser.Site.WithDbAsync(db => db.Establishments.Where(e => e.Name == "MECS Les Tilleuls").Select(e => e.Id).SingleAsync());
        var charter1 = await browser.Site.WithDbAsync(db => db.CharterVersions.Where(v => v.Number == 1).Select(v => v.Id).SingleAsync());
        var charter2 = await browser.Site.WithDbAsync(db => db.CharterVersions.Where(v => v.Number == 2).Select(v => v.Id).SingleAsync());
        string Fill(string path) => path.Replace("{tilleuls}", tilleuls.ToString()).Replace("{charter1}", charter1.ToString()).Replace("{charter2}", charter2.ToString()).Replace("{peerteens}", peerTeens.ToString()).Replace("{peerparents}", peerParents.ToString()).Replace("{peerpending}", peerPending.ToString())
            .Replace("{peerurgent}", peerUrgent.ToString()).Replace("{peeraction}", peerAction.ToString()).Replace("{peerproposedcircle}", peerProposedCircle).Replace("{peerproposed}", peerProposed.ToString())
            .Replace("{public}", publicId.ToString()).Replace("{merged}", mergedId.ToString()).Replace("{answer}", answerId.ToString()).Replace("{case}", caseId.ToString())
            .Replace("{young}", youngId).Replace("{campaign}", campaignId.ToString()).Replace("{testimony}", testimonyId.ToString()).Replace("{published}", publishedId.ToString()).Replace("{fromtestimony}", fromTestimony.ToString());

        var anonymous = await (await browser.Chromium.NewContextAsync()).NewPageAsync();
        audit.Watch(anonymous, "anonyme");
        foreach (var path in PublicPages.Concat(ParentPages).Concat(CharterDocuments).Concat(["/compte/connexion", "/compte/activer", "/compte/deconnexion", "/rejoindre", "/compte/premier-acces", "/compte/premier-acces?compte=inconnu&jeton=inconnu"]))
        {
            await audit.VisitAsync(anonymous, site, "anonyme", Fill(path));
        }
        await audit.VisitAsync(anonymous, site, "anonyme", "/page-qui-n-existe-pas", expectedStatus: 404);
        await audit.VisitAsync(anonymous, site, "anonyme", "/erreur", expectedStatus: 500);

        // Forms showing their French error messages are pages too.
        await anonymous.GotoAsync(site + "/compte/connexion");
        await anonymous.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await audit.AuditAsync(anonymous, "anonyme", "connexion-erreurs");
        await anonymous.GotoAsync(site + "/compte/activer");
        await anonymous.GetByLabel("Mon code").FillAsync("ABC");
        await anonymous.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();
        await audit.AuditAsync(anonymous, "anonyme", "activation-erreurs");
        await anonymous.Context.CloseAsync();

        foreach (var (login, role, _) in DemoSeeder.Logins.DistinctBy(l => l.Role))
        {
            var who = Roles.Label(role);
            var page = await browser.SignedInPageAsync(login);
            audit.Watch(page, who);
            foreach (var path in SignedInPages.Concat(RolePages.GetValueOrDefault(role, [])).Concat(PublicPages))
            {
                await audit.VisitAsync(page, site, who, Fill(path));
            }
            if (role != Roles.Facilitator && role != Roles.Admin)
            {
                await audit.VisitAsync(page, site, who, "/animation/jeunes", expectedStatus: 403);
                await audit.VisitAsync(page, site, who, Fill("/animation/jeunes/{young}/lieu-de-vie"), expectedStatus: 403);
            }
            if (role == Roles.Young)
            {
                // A child of 7–10 is pointed to the council and a trusted adult instead of a circle.
                await audit.VisitAsync(page, site, who, "/entraide/cercles/11-14", expectedStatus: 403);
            }
            if (role == Roles.Parent)
            {
                await audit.VisitAsync(page, site, who, "/entraide/cercles/15-17", expectedStatus: 403);
            }
            if (role == Roles.Moderator)
            {
                // The lists page showing which entry caught a sentence tried on it.
                foreach (var width in PageAudit.Widths)
                {
                    await page.SetViewportSizeAsync(width, width < 600 ? 740 : 900);
                    await page.GotoAsync(site + "/pilotage/vigilance/listes");
                    await page.GetByLabel("Phrase à essayer").FillAsync("il m'a encore frappé");
                    await page.GetByRole(AriaRole.Button, new() { Name = "Essayer" }).ClickAsync();
                    await page.Locator(".trial-result").WaitForAsync();
                    await audit.AuditAsync(page, who, "listes-essai");
                }
            }
            await page.Context.CloseAsync();
        }

        foreach (var (login, pages) in PeerMemberPages)
        {
            var page = await browser.SignedInPageAsync(login);
            audit.Watch(page, login);
            foreach (var path in pages)
            {
                await audit.VisitAsync(page, site, login, Fill(path));
            }
            if (login == "Faucon")
            {
                await audit.VisitAsync(page, site, login, "/entraide/cercles/18-25", expectedStatus: 403);
            }
            await page.Context.CloseAsync();
        }

        var problems = await HtmlChecker.CheckAsync(audit.Html);
        foreach (var problem in problems)
        {
            audit.Failures.Add($"HTML {problem.Page}, ligne {problem.Line}: {problem.Message} « {problem.Extract} »");
        }

        output.WriteLine($"{audit.Html.Count} pages checked by the Nu Html Checker, {audit.Screenshots.Count} screenshots in {PageAudit.ScreenshotFolder}");
        Assert.True(audit.Html.Count >= 120, $"only {audit.Html.Count} pages were visited");
        Assert.True(audit.Failures.Count == 0, string.Join(Environment.NewLine, audit.Failures));
    }

    [Theory]
    [InlineData(Roles.Young)]
    [InlineData(Roles.Facilitator)]
    [InlineData(Roles.Admin)]
    public async Task The_signed_in_menu_holds_on_one_line_on_a_laptop(string role)
    {
        var login = DemoSeeder.Logins.First(l => l.Role == role).Login;
        var page = await browser.SignedInPageAsync(login, width: 1280);
        // The current page's item is highlighted, and the unread badge sits on « Notifications »: both change widths.
        foreach (var path in new[] { "/", "/notifications", "/schema" })
        {
            await page.GotoAsync(browser.Site.BaseUrl + path);
            var tops = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('.main-nav li')].map(li => li.offsetTop)");
            Assert.True(tops.Length >= 8, $"{login} {path}: only {tops.Length} menu items");
            Assert.True(tops.Distinct().Count() == 1, $"{login} {path}: the menu wraps, its items start at {string.Join(", ", tops)} px");
        }
        Assert.True(await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_skip_link_is_the_first_stop_and_leads_to_the_content()
    {
        var page = await (await browser.Chromium.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(browser.Site.BaseUrl + "/droits");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" });
        Assert.True(await skip.EvaluateAsync<bool>("e => e === document.activeElement"));
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is { Y: >= 0 }, "the focused skip link is on screen");
        var outline = await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.Equal("solid", outline);

        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#contenu", page.Url);
        Assert.Equal("contenu", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_audit_itself_catches_what_axe_finds()
    {
        var page = await (await browser.Chromium.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(browser.Site.BaseUrl + "/droits");
        // A picture without text and a button without a name, slipped into a real page.
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/favicon.ico\"><button></button>')");
        var audit = new PageAudit();
        await audit.AuditAsync(page, "essai", "droits-abime");
        Assert.Contains(audit.Failures, f => f.Contains("axe image-alt (critical)"));
        Assert.Contains(audit.Failures, f => f.Contains("axe button-name (critical)"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_119_is_one_tap_away_on_a_phone()
    {
        var page = await (await browser.Chromium.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(browser.Site.BaseUrl + "/schema");
        var call = page.Locator("footer a[href='tel:119']");
        Assert.Equal("119", await call.InnerTextAsync());
        Assert.True(await call.IsVisibleAsync());
        await page.Context.CloseAsync();
    }
}
