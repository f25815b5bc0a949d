using System.Net;
using Participation.Tests.Infrastructure;
using Participation.Web.Demo;

namespace Participation.Tests.Accounts;

[Collection(SharedAppCollection.Name)]
public sealed class SignInTests(ParticipationApp app)
{
    [Fact]
    public async Task A_wrong_password_gets_one_French_message_that_does_not_say_which_part_was_wrong()
    {
        var known = await (await app.CreateBrowserlessClient().SignInAsync("Colibri", "pas le bon")).ParseAsync();
        var unknown = await (await app.CreateBrowserlessClient().SignInAsync("Personne-Inconnue", "pas le bon")).ParseAsync();
        Assert.Equal(Participation.Web.Accounts.LoginModel.Refused, known.QuerySelector("#erreur-login")!.TextContent);
        Assert.Equal(known.QuerySelector("#erreur-login")!.TextContent, unknown.QuerySelector("#erreur-login")!.TextContent);
        Assert.Equal("Colibri", known.QuerySelector("input[name=Login]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Young_members_sign_in_with_their_pseudonym_whatever_the_case()
    {
        var response = await app.CreateBrowserlessClient().SignInAsync("faucon");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_safe_return_address_is_followed_and_another_site_is_not()
    {
        var client = app.CreateBrowserlessClient();
        var response = await client.PostFormAsync("/compte/connexion?ReturnUrl=%2Fcompte", new Dictionary<string, string>
        {
            ["Login"] = "Baobab", ["Password"] = DemoSeeder.Password, ["ReturnUrl"] = "/compte",
        });
        Assert.Equal("/compte", response.Headers.Location!.OriginalString);

        var evil = await app.CreateBrowserlessClient().PostFormAsync("/compte/connexion", new Dictionary<string, string>
        {
            ["Login"] = "Baobab", ["Password"] = DemoSeeder.Password, ["ReturnUrl"] = "https://evil.example/",
        });
        Assert.Equal("/espace", evil.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await app.SignedInClientAsync("Colibri");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/espace")).StatusCode);
        await client.PostFormAsync("/compte/deconnexion", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/espace")).StatusCode);
    }

    [Fact]
    public async Task A_member_changes_their_password()
    {
        var client = await app.SignedInClientAsync($"pro5@{DemoSeeder.Domain}");
        var wrong = await (await client.PostFormAsync("/compte", new Dictionary<string, string>
        {
            ["Current"] = "pas le bon", ["Password"] = "nouveau mot de passe", ["Confirmation"] = "nouveau mot de passe",
        })).ParseAsync();
        Assert.Contains("incorrect", wrong.QuerySelector("#erreur-current")!.TextContent);

        var changed = await client.PostFormAsync("/compte", new Dictionary<string, string>
        {
            ["Current"] = DemoSeeder.Password, ["Password"] = "nouveau mot de passe", ["Confirmation"] = "nouveau mot de passe",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync($"pro5@{DemoSeeder.Domain}", "nouveau mot de passe")).StatusCode);
    }
}
