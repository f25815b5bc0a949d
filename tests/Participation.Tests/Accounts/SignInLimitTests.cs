using System.Net;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Demo;

namespace Participation.Tests.Accounts;

/// <summary>Signing in and activating from a room where everyone is behind the same Wi-Fi.</summary>
public sealed class SignInLimitTests
{
    private static ParticipationApp Shipped(params (string Key, string Value)[] changes)
    {
        var settings = new Dictionary<string, string?>(ParticipationApp.ShippedLimits) { ["Demo:Proposals"] = "0" };
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }
        return ParticipationApp.With(settings);
    }

    /// <summary>A refused sign-in: a 429, the sign-in page again, the reason and the wait next to the login.</summary>
    private static async Task<AngleSharp.Dom.IDocument> RefusedAsync(HttpResponseMessage refused, string reason)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await refused.ParseAsync();
        Assert.Equal("Se connecter", page.QuerySelector("h1")!.TextContent);
        var message = page.QuerySelector("#erreur-login")!.TextContent;
        Assert.StartsWith($"Trop d'essais {reason}. Réessayez dans ", message);
        refused.NamedWait(message);
        return page;
    }

    [Fact]
    public async Task Forty_members_sign_in_from_one_address_within_a_minute()
    {
        using var app = Shipped();
        var logins = await app.WithDbAsync(db => db.Users.Where(u => u.PasswordHash != null).OrderBy(u => u.UserName).Select(u => u.UserName!).Take(40).ToListAsync());
        Assert.Equal(40, logins.Count);
        foreach (var login in logins)
        {
            var response = await app.CreateBrowserlessClient().SignInAsync(login);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{login} got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task One_account_is_limited_to_ten_attempts_a_minute_from_wherever_they_come()
    {
        using var app = Shipped();
        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient(from: $"198.51.100.{i}").SignInAsync("Baobab")).StatusCode);
        }

        var page = await RefusedAsync(await app.CreateBrowserlessClient(from: "198.51.100.11").SignInAsync("baobab"), "pour cet identifiant");
        Assert.Equal("baobab", page.QuerySelector("input[name=Login]")!.GetAttribute("value"));

        // Someone else on that network signs in as usual.
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient(from: "198.51.100.11").SignInAsync("Faucon")).StatusCode);
    }

    [Fact]
    public async Task An_address_has_a_ceiling_whatever_the_accounts_tried()
    {
        using var app = Shipped(("Accounts:AttemptsPerMinutePerAddress", "5"));
        for (var i = 1; i <= 5; i++)
        {
            var wrong = await (await app.CreateBrowserlessClient().SignInAsync($"personne-{i}", "au hasard")).ParseAsync();
            Assert.Equal(Participation.Web.Accounts.LoginModel.Refused, wrong.QuerySelector("#erreur-login")!.TextContent);
        }
        var page = await RefusedAsync(await app.CreateBrowserlessClient().SignInAsync("Colibri"), "depuis ce réseau");
        Assert.Equal("Colibri", page.QuerySelector("input[name=Login]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient(from: "203.0.113.9").SignInAsync("Colibri")).StatusCode);
    }

    [Fact]
    public async Task Wrong_activation_codes_are_limited_per_address_and_the_page_keeps_the_code()
    {
        using var app = Shipped(("Accounts:WrongActivationCodesPerMinute", "3"));
        var phone = app.CreateBrowserlessClient();
        Task<HttpResponseMessage> ActivateAsync(string code) => phone.PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = code, ["Password"] = "mon chat aime la pluie", ["Confirmation"] = "mon chat aime la pluie",
        });

        // A code of the wrong shape is a typo, not a guess: it does not count.
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("8 caractères", (await (await ActivateAsync("ABC")).ParseAsync()).QuerySelector("#erreur-code")!.TextContent);
        }
        foreach (var guess in new[] { "AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC" })
        {
            var wrong = await ActivateAsync(guess);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("pas valable", (await wrong.ParseAsync()).QuerySelector("#erreur-code")!.TextContent);
        }

        // The demo's real code is refused too now: a right guess must look like a wrong one.
        var refused = await ActivateAsync(DemoSeeder.PendingCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await refused.ParseAsync();
        var message = page.QuerySelector("#erreur-code")!.TextContent;
        Assert.StartsWith("Trop de codes essayés depuis ce réseau. Réessaie dans ", message);
        refused.NamedWait(message);
        Assert.Equal(DemoSeeder.PendingCode, page.QuerySelector("input[name=Code]")!.GetAttribute("value"));
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == DemoSeeder.PendingPseudonym).Select(u => u.ActivatedAt).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient(from: "203.0.113.20").PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = DemoSeeder.PendingCode, ["Password"] = "mon chat aime la pluie", ["Confirmation"] = "mon chat aime la pluie",
        })).StatusCode);
    }
}
