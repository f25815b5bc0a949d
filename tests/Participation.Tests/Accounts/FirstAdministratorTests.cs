using System.Net;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Shared;

using Participation.Testing;

namespace Participation.Tests.Accounts;

/// <summary>A production start is empty; its first administrator comes from a command and a one-time link.</summary>
public sealed class FirstAdministratorTests
{
    private static ParticipationApp Production() =>
        ParticipationApp.With(new Dictionary<string, string?> { ["environment"] = "Production", ["Demo:Seed"] = null }.WithKeyCertificate());

    [Fact]
    public async Task A_production_start_creates_no_demo_account_while_the_development_start_of_the_readme_does()
    {
        using var production = Production();
        production.CreateClient();
        Assert.Equal(0, await production.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(Roles.All.Count, await production.WithDbAsync(db => db.Roles.CountAsync()));

        using var development = ParticipationApp.With(new Dictionary<string, string?> { ["environment"] = "Development", ["Demo:Seed"] = null });
        development.CreateClient();
        Assert.True(await development.WithDbAsync(db => db.Users.AnyAsync(u => u.Pseudonym == "Pilotage")));
    }

    [Fact]
    public async Task The_command_makes_an_administrator_whose_link_sets_the_password_once()
    {
        using var site = Production();
        site.CreateClient();
        var output = new StringWriter();
        Assert.Equal(0, await AdminCommand.RunAsync(site.Services, ["admin", "create", "--email", "direction.enfance@bellerive.example"], output));
        var link = output.ToString().Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal));
        Assert.Contains("Site:PublicAddress", output.ToString());
        var path = new Uri(link).PathAndQuery;
        Assert.StartsWith("/compte/premier-acces?compte=", path);
        var member = await site.WithDbAsync(db => db.Users.SingleAsync());
        Assert.Null(member.PasswordHash);
        Assert.Equal("Pilotage", member.Pseudonym);

        // Two different passwords: refused, and the link still works after.
        var owner = site.CreateBrowserlessClient();
        var mismatch = await (await owner.PostFormAsync(path, new Dictionary<string, string> { ["Password"] = "un matin calme au port", ["Confirmation"] = "un matin calme" })).ParseAsync();
        Assert.Contains("ne sont pas les mêmes", mismatch.QuerySelector("#erreur-confirmation")!.TextContent);

        var set = await owner.PostFormAsync(path, new Dictionary<string, string> { ["Password"] = "un matin calme au port", ["Confirmation"] = "un matin calme au port" });
        Assert.Equal("/espace", set.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/pilotage/propositions")).StatusCode);

        // The link has served: a second use, by anyone, changes nothing.
        var stranger = site.CreateBrowserlessClient();
        var again = await (await stranger.PostFormAsync(path, new Dictionary<string, string> { ["Password"] = "une autre phrase longue", ["Confirmation"] = "une autre phrase longue" })).ParseAsync();
        Assert.Contains("déjà servi", again.QuerySelector(".error-summary")!.TextContent);
        var signIn = await site.CreateBrowserlessClient().PostFormAsync("/compte/connexion", new Dictionary<string, string> { ["Login"] = "direction.enfance@bellerive.example", ["Password"] = "un matin calme au port" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // The same address twice, a malformed one, or no option: nothing is made.
        Assert.Equal(1, await AdminCommand.RunAsync(site.Services, ["admin", "create", "--email", "direction.enfance@bellerive.example"], new StringWriter()));
        Assert.Equal(1, await AdminCommand.RunAsync(site.Services, ["admin", "create", "--email", "pas une adresse"], new StringWriter()));
        Assert.Equal(2, await AdminCommand.RunAsync(site.Services, ["admin", "create"], new StringWriter()));
        Assert.Equal(1, await site.WithDbAsync(db => db.Users.CountAsync()));
        // A lost or expired link: a new one for the administrator, and the former one stops working.
        var first = new StringWriter();
        Assert.Equal(0, await AdminCommand.RunAsync(site.Services, ["admin", "link", "--email", "direction.enfance@bellerive.example"], first));
        var firstPath = new Uri(first.ToString().Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal))).PathAndQuery;
        var second = new StringWriter();
        Assert.Equal(0, await AdminCommand.RunAsync(site.Services, ["admin", "link", "--email", "direction.enfance@bellerive.example"], second));
        var secondPath = new Uri(second.ToString().Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal))).PathAndQuery;
        var stale = await (await site.CreateBrowserlessClient().PostFormAsync(firstPath, new Dictionary<string, string> { ["Password"] = "le vent tourne au large", ["Confirmation"] = "le vent tourne au large" })).ParseAsync();
        Assert.Contains("déjà servi", stale.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal("/espace", (await site.CreateBrowserlessClient().PostFormAsync(secondPath, new Dictionary<string, string> { ["Password"] = "le vent tourne au large", ["Confirmation"] = "le vent tourne au large" })).Headers.Location!.OriginalString);
        Assert.Equal(1, await AdminCommand.RunAsync(site.Services, ["admin", "link", "--email", "personne@bellerive.example"], new StringWriter()));
    }

    [Theory]
    [InlineData("https://participation.bellerive.example", "https://participation.bellerive.example/compte/premier-acces?")]
    [InlineData("https://participation.bellerive.example/", "https://participation.bellerive.example/compte/premier-acces?")]
    [InlineData(" https://Participation.Bellerive.example/ ", "https://participation.bellerive.example/compte/premier-acces?")]
    [InlineData("https://bellerive.example/participation/", "https://bellerive.example/participation/compte/premier-acces?")]
    public async Task The_commands_link_starts_with_the_public_address_however_it_was_written(string publicAddress, string expected)
    {
        using var site = ParticipationApp.With(new Dictionary<string, string?> { ["environment"] = "Production", ["Demo:Seed"] = null, ["Site:PublicAddress"] = publicAddress }.WithKeyCertificate());
        site.CreateClient();
        var output = new StringWriter();
        Assert.Equal(0, await AdminCommand.RunAsync(site.Services, ["admin", "create", "--email", "direction.enfance@bellerive.example"], output));
        var link = output.ToString().Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal));
        Assert.StartsWith(expected, link);
        Assert.DoesNotContain("Site:PublicAddress", output.ToString());
    }

    [Fact]
    public async Task The_link_page_without_its_link_says_what_to_do()
    {
        using var site = Production();
        var page = await site.CreateBrowserlessClient().GetDocumentAsync("/compte/premier-acces");
        Assert.Contains("Demandez un nouveau lien", page.QuerySelector("main")!.TextContent);
        Assert.Null(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task The_link_refuses_a_common_password_or_one_like_the_login_and_still_works_after()
    {
        using var site = Production();
        site.CreateClient();
        var output = new StringWriter();
        Assert.Equal(0, await AdminCommand.RunAsync(site.Services, ["admin", "create", "--email", "claire.martin@bellerive.example", "--pseudonym", "Direction-Enfance"], output));
        var path = new Uri(output.ToString().Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal))).PathAndQuery;
        var owner = site.CreateBrowserlessClient();
        async Task<string> RefusedAsync(string password)
        {
            var response = await owner.PostFormAsync(path, new Dictionary<string, string> { ["Password"] = password, ["Confirmation"] = password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.ParseAsync()).QuerySelector("#erreur-password")!.TextContent;
        }

        Assert.Contains("trop connu", await RefusedAsync("Password123"));
        Assert.Contains("trop connu", await RefusedAsync("qwertyuiop"));
        Assert.Contains("ressemble trop", await RefusedAsync("ClaireMartin1"));
        Assert.Contains("ressemble trop", await RefusedAsync("direction-enfance"));
        Assert.Contains("au moins 8 caractères", await RefusedAsync("court"));

        var set = await owner.PostFormAsync(path, new Dictionary<string, string> { ["Password"] = "un matin calme au port", ["Confirmation"] = "un matin calme au port" });
        Assert.Equal("/espace", set.Headers.Location!.OriginalString);
    }
}
