using System.Net;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;

namespace Participation.Tests.Accounts;

[Collection(SharedAppCollection.Name)]
public sealed class YoungMemberTests(ParticipationApp app)
{
    private static readonly int Year = DateTime.Now.Year;

    private async Task<(HttpResponseMessage Response, AngleSharp.Dom.IDocument Page)> CreateAsync(string pseudonym, int birthYear, string? realName = null, string establishment = "")
    {
        var facilitator = await app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var response = await facilitator.PostFormAsync("/animation/jeunes/nouveau", new Dictionary<string, string>
        {
            ["Pseudonym"] = pseudonym, ["BirthYear"] = birthYear.ToString(), ["RealName"] = realName ?? "", ["EstablishmentId"] = establishment,
        });
        return (response, await response.ParseAsync());
    }

    [Fact]
    public async Task A_facilitator_creates_an_account_and_the_code_activates_it_once()
    {
        var (response, page) = await CreateAsync("Ecureuil-Test", Year - 9, "Léa Martin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var code = page.QuerySelector(".slip-code")!.TextContent.Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        Assert.Contains("Ecureuil-Test", page.QuerySelector(".slip-pseudonym")!.TextContent);
        Assert.DoesNotContain("Léa", page.QuerySelector(".activation-slip")!.TextContent);

        var member = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Pseudonym == "Ecureuil-Test"));
        Assert.Null(member.PasswordHash);
        Assert.Null(member.Email);
        Assert.Equal(Year - 9, member.BirthYear);
        Assert.NotEqual(code, member.ActivationCodeHash);

        var young = app.CreateBrowserlessClient();
        var activated = await young.PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = code.ToLowerInvariant(), ["Password"] = "mon chat aime la pluie", ["Confirmation"] = "mon chat aime la pluie",
        });
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.Equal("/espace", activated.Headers.Location!.OriginalString);
        var home = await young.GetDocumentAsync("/espace");
        Assert.Contains("Ecureuil-Test", home.Text());
        Assert.Contains("7–10 ans", home.Text());

        var again = await app.CreateBrowserlessClient().PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = code, ["Password"] = "un autre mot de passe", ["Confirmation"] = "un autre mot de passe",
        });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("déjà servi", (await again.ParseAsync()).QuerySelector("#erreur-code")!.TextContent);

        var signIn = await app.CreateBrowserlessClient().SignInAsync("Ecureuil-Test", "mon chat aime la pluie");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var refused = await app.CreateBrowserlessClient().SignInAsync("Ecureuil-Test", "un autre mot de passe");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(26)]
    [InlineData(-1)]
    public async Task Ages_outside_7_to_25_are_refused_and_nothing_is_written(int age)
    {
        var before = await app.WithDbAsync(db => db.Users.CountAsync());
        var (response, page) = await CreateAsync($"Hors-Age-{age + 10}", Year - age);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = page.QuerySelector("#erreur-birthyear")!.TextContent;
        Assert.Contains("de 7 à 25 ans", error);
        Assert.Contains($"entre {Year - 25} et {Year - 7}", error);
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal($"Hors-Age-{age + 10}", page.QuerySelector("input[name=Pseudonym]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_creation_form_offers_every_establishment_and_none_first()
    {
        var facilitator = await app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var page = await facilitator.GetDocumentAsync("/animation/jeunes/nouveau");
        var options = page.QuerySelectorAll("select[name=EstablishmentId] option").Select(o => (o.GetAttribute("value"), o.TextContent)).ToList();
        var establishments = await app.WithDbAsync(db => db.Establishments.OrderBy(e => e.Name).Select(e => new { e.Id, e.Name, e.Town }).ToListAsync());
        Assert.Equal(("", "Pas en établissement / ne pas préciser"), options[0]);
        Assert.Equal(establishments.Select(e => ((string?)e.Id.ToString(), $"{e.Name} ({e.Town})")), options.Skip(1));
        Assert.Contains("Foyer La Passerelle (Saint-Aubin-de-Bellerive)", options.Select(o => o.TextContent));
        Assert.Equal("Lieu de vie (facultatif)", page.QuerySelector("label[for=lieu-de-vie]")!.TextContent);
    }

    [Fact]
    public async Task An_account_created_with_an_establishment_records_it()
    {
        var passerelle = await app.WithDbAsync(db => db.Establishments.Where(e => e.Name == "Foyer La Passerelle").Select(e => e.Id).SingleAsync());
        var (response, page) = await CreateAsync("Heron-Foyer", Year - 14, establishment: passerelle.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector(".slip-code"));
        Assert.Equal(passerelle, await app.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == "Heron-Foyer").Select(u => u.EstablishmentId).SingleAsync()));

        var (_, without) = await CreateAsync("Heron-Sans-Foyer", Year - 14);
        Assert.NotNull(without.QuerySelector(".slip-code"));
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == "Heron-Sans-Foyer").Select(u => u.EstablishmentId).SingleAsync()));
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("la-passerelle")]
    public async Task An_unknown_establishment_is_refused_in_French_and_nothing_is_written(string establishment)
    {
        var before = await app.WithDbAsync(db => db.Users.CountAsync());
        var (response, page) = await CreateAsync("Lieu-Inconnu", Year - 10, "Samia Essai", establishment);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("n'est pas dans la liste", page.QuerySelector("#erreur-establishmentid")!.TextContent);
        Assert.Contains("erreur-establishmentid", page.QuerySelector("#lieu-de-vie")!.GetAttribute("aria-describedby"));
        Assert.Contains("n'est pas dans la liste", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Null(page.QuerySelector(".slip-code"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal("Lieu-Inconnu", page.QuerySelector("input[name=Pseudonym]")!.GetAttribute("value"));
        Assert.Equal((Year - 10).ToString(), page.QuerySelector("input[name=BirthYear]")!.GetAttribute("value"));
        Assert.Equal("Samia Essai", page.QuerySelector("input[name=RealName]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_birth_year_that_is_not_a_number_is_explained()
    {
        var facilitator = await app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var response = await facilitator.PostFormAsync("/animation/jeunes/nouveau", new Dictionary<string, string>
        {
            ["Pseudonym"] = "Chiffres", ["BirthYear"] = "deux mille dix",
        });
        var page = await response.ParseAsync();
        Assert.Contains("en chiffres", page.QuerySelector("#erreur-birthyear")!.TextContent);
    }

    [Theory]
    [InlineData("ab", "de 3 à 24 caractères")]
    [InlineData("avec espace", "sans espace")]
    [InlineData("Colibri", "déjà pris")]
    [InlineData("Lea-Martin", "vrai nom")]
    public async Task Bad_pseudonyms_are_refused_in_French(string pseudonym, string message)
    {
        var (_, page) = await CreateAsync(pseudonym, Year - 12, "Léa Martin");
        Assert.Contains(message, page.QuerySelector("#erreur-pseudonym")!.TextContent);
    }

    [Fact]
    public async Task A_new_code_replaces_a_forgotten_password()
    {
        var (_, page) = await CreateAsync("Oubli-Test", Year - 15);
        var firstCode = page.QuerySelector(".slip-code")!.TextContent.Trim();
        var young = app.CreateBrowserlessClient();
        await young.PostFormAsync("/compte/activer", new Dictionary<string, string> { ["Code"] = firstCode, ["Password"] = "premier mot de passe", ["Confirmation"] = "premier mot de passe" });

        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == "Oubli-Test").Select(u => u.Id).SingleAsync());
        var facilitator = await app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var renewed = await (await facilitator.PostFormAsync($"/animation/jeunes/{id}/code", new Dictionary<string, string>())).ParseAsync();
        var newCode = renewed.QuerySelector(".slip-code")!.TextContent.Trim();
        Assert.NotEqual(firstCode, newCode);

        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlessClient().SignInAsync("Oubli-Test", "premier mot de passe")).StatusCode);
        var activated = await app.CreateBrowserlessClient().PostFormAsync("/compte/activer", new Dictionary<string, string> { ["Code"] = newCode, ["Password"] = "second mot de passe", ["Confirmation"] = "second mot de passe" });
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
    }

    [Fact]
    public async Task The_demo_code_printed_in_the_readme_activates_its_account()
    {
        var response = await app.CreateBrowserlessClient().PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = DemoSeeder.PendingCode, ["Password"] = "tournesol au soleil", ["Confirmation"] = "tournesol au soleil",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var member = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Pseudonym == DemoSeeder.PendingPseudonym));
        Assert.NotNull(member.ActivatedAt);
        Assert.Null(member.ActivationCodeHash);
    }

    [Fact]
    public async Task An_unknown_code_is_refused()
    {
        var page = await (await app.CreateBrowserlessClient().PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = "XXXX-YYYY", ["Password"] = "peu importe ici", ["Confirmation"] = "peu importe ici",
        })).ParseAsync();
        Assert.Contains("pas valable", page.QuerySelector("#erreur-code")!.TextContent);
    }

    [Fact]
    public async Task Mismatched_passwords_are_explained_and_the_code_stays_usable()
    {
        var (_, created) = await CreateAsync("Mismatch-Test", Year - 19);
        var code = created.QuerySelector(".slip-code")!.TextContent.Trim();
        var response = await app.CreateBrowserlessClient().PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = code, ["Password"] = "mot de passe un", ["Confirmation"] = "mot de passe deux",
        });
        var page = await response.ParseAsync();
        Assert.Contains("pas pareils", page.QuerySelector("#erreur-confirmation")!.TextContent);
        Assert.Equal(code, page.QuerySelector("input[name=Code]")!.GetAttribute("value"));

        var tooShort = await (await app.CreateBrowserlessClient().PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = code, ["Password"] = "court", ["Confirmation"] = "court",
        })).ParseAsync();
        Assert.Contains("au moins 8 caractères", tooShort.QuerySelector("#erreur-password")!.TextContent);
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == "Mismatch-Test").Select(u => u.ActivationCodeHash).SingleAsync()));
    }
}
