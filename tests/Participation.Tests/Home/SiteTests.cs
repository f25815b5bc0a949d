using System.Net;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;

namespace Participation.Tests.Home;

[Collection(SharedAppCollection.Name)]
public sealed class SiteTests(ParticipationApp app)
{
    public static TheoryData<string, string> PublicPages => new()
    {
        { "/", "Participation" },
        { "/a-propos", "À propos" },
        { "/droits", "Tes droits" },
        { "/aide", "Besoin d'aide" },
        { "/confidentialite", "Confidentialité" },
        { "/analyse-impact", "Analyse d'impact" },
        { "/accessibilite", "Déclaration d'accessibilité" },
        { "/mentions-legales", "Mentions légales" },
        { "/schema", "Schéma départemental" },
        { "/schema/montclar-2023-2028", "Montclar" },
        { "/schema/bellerive-2025-2029/3.1.4", "Permettre une vie sociale et numérique ordinaire" },
        { "/compte/connexion", "Se connecter" },
        { "/compte/activer", "Activer mon compte" },
        { "/consultations", "Consultation des familles" },
        { "/consultations/parents-place", "Votre place de parent" },
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Public_pages_are_in_French_and_show_the_119(string url, string expected)
    {
        var response = await app.CreateBrowserlessClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains(expected, page.Body!.TextContent);
        Assert.NotNull(page.QuerySelector("footer a[href='tel:119']"));
        Assert.NotNull(page.QuerySelector("a.skip-link[href='#contenu']"));
        Assert.NotNull(page.QuerySelector("main#contenu"));
        Assert.Single(page.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Pages_carry_no_inline_script()
    {
        var page = await app.CreateBrowserlessClient().GetDocumentAsync("/");
        Assert.All(page.QuerySelectorAll("script"), script => Assert.True(script.HasAttribute("src")));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task An_unknown_page_is_a_French_404()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/cette-page-n-existe-pas");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Page introuvable", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_error_page_is_French_and_gives_a_reference()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/erreur");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Un problème est survenu", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("n'a pas été enregistré", page.Text());
        Assert.NotNull(page.QuerySelector("main code"));
    }

    [Fact]
    public async Task An_unknown_plan_is_a_404()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/schema/inconnu");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_home_page_content_has_its_own_address_only_once()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/accueil");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Health_check_answers()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_migration_of_the_provider_is_applied() =>
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));

    [Fact]
    public async Task A_SQLite_database_is_a_file_in_write_ahead_logging()
    {
        // About the SQLite file itself: when the run puts the sites on PostgreSQL, this one stays on a file.
        using var own = TestDatabase.OnPostgres ? ParticipationApp.With(new Dictionary<string, string?>(ParticipationApp.OnSqliteFile) { ["Demo:Seed"] = "false" }) : null;
        var site = own ?? app;
        var mode = await site.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());
        Assert.True(File.Exists(site.DatabasePath));
        Assert.Equal("wal", mode.Single());
    }

    [Fact]
    public async Task The_schema_page_shows_the_tree_and_the_commitments()
    {
        var page = await app.CreateBrowserlessClient().GetDocumentAsync("/schema");
        Assert.Equal(4, page.QuerySelectorAll(".plan-root").Length);
        Assert.Equal(40, page.QuerySelectorAll(".plan-leaf").Length);
        Assert.Equal(12, page.QuerySelectorAll(".commitment").Length);
        Assert.Contains("4 orientations → 11 priorités → 40 actions", page.Text());
        Assert.NotNull(page.QuerySelector("a[href='/schema/montclar-2023-2028']"));
    }

    [Fact]
    public async Task The_rights_based_plan_shows_rights_and_objectives()
    {
        var page = await app.CreateBrowserlessClient().GetDocumentAsync("/schema/montclar-2023-2028");
        Assert.Equal(6, page.QuerySelectorAll(".plan-root").Length);
        Assert.Contains("Droit 1", page.QuerySelector(".plan-root h2")!.TextContent);
        Assert.Contains("6 droits → ", page.Text());
        Assert.Empty(page.QuerySelectorAll(".commitment"));
    }
}
