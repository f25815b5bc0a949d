using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;

namespace Participation.Tests.Accounts;

/// <summary>
/// Signing in and activating from a room where everyone is behind the same Wi-Fi, and with a
/// stranger who knows a pseudonym and tries passwords for it.
/// </summary>
public sealed class SignInLimitTests
{
    private static ParticipationApp Shipped(params (string Key, string Value)[] changes) => Shipped(null, changes);

    private static ParticipationApp Shipped(TimeProvider? clock, params (string Key, string Value)[] changes)
    {
        var settings = new Dictionary<string, string?>(ParticipationApp.ShippedLimits) { ["Demo:Proposals"] = "0" };
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }
        return clock is null ? ParticipationApp.With(settings) : ParticipationApp.With(settings, clock);
    }

    /// <summary>A refused sign-in: a 429, the sign-in page again, the reason and the wait next to the login.</summary>
    private static async Task<(AngleSharp.Dom.IDocument Page, string Message, TimeSpan Wait)> RefusedAsync(HttpResponseMessage refused, string reason, TimeSpan? longest = null)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await refused.ParseAsync();
        Assert.Equal("Se connecter", page.QuerySelector("h1")!.TextContent);
        var message = page.QuerySelector("#erreur-login")!.TextContent;
        Assert.StartsWith($"Trop d'essais {reason}. Réessayez dans ", message);
        return (page, message, refused.NamedWait(message, longest));
    }

    private static async Task AnsweredWrongAsync(HttpClient client, string login)
    {
        var response = await client.SignInAsync(login, "au hasard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LoginModel.Refused, (await response.ParseAsync()).QuerySelector("#erreur-login")!.TextContent);
    }

    private static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);

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
    public async Task A_stranger_s_wrong_passwords_make_their_own_place_wait_and_never_the_owner_elsewhere()
    {
        var clock = Clock();
        using var app = Shipped(clock);
        // The owner's phone has signed in before on the council room's Wi-Fi, where the stranger is too.
        var ownPhone = app.CreateBrowserlessClient(from: "198.51.100.7");
        Assert.Equal(HttpStatusCode.Redirect, (await ownPhone.SignInAsync("Baobab")).StatusCode);
        await ownPhone.PostFormAsync("/compte/deconnexion", new Dictionary<string, string>());

        var stranger = app.CreateBrowserlessClient(from: "198.51.100.7");
        for (var i = 0; i < 30; i++)
        {
            if (i < 6)
            {
                await AnsweredWrongAsync(stranger, "Baobab");
            }
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.SignInAsync("Baobab", "au hasard")).StatusCode);
            }
        }

        // From the stranger's place, the right password gets the very answer a wrong one gets: nothing to learn.
        var wrong = await RefusedAsync(await stranger.SignInAsync("baobab", "au hasard"), "pour cet identifiant");
        var right = await RefusedAsync(await stranger.SignInAsync("baobab"), "pour cet identifiant");
        Assert.Equal(wrong.Message, right.Message);
        Assert.Equal("Trop d'essais pour cet identifiant. Réessayez dans 15\u00A0secondes.", right.Message);
        Assert.Equal("baobab", right.Page.QuerySelector("input[name=Login]")!.GetAttribute("value"));
        Assert.Null(right.Page.QuerySelector("input[name=Password]")!.GetAttribute("value"));

        // The owner signs in at once: at home, and on the stranger's Wi-Fi with their own phone.
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient(from: "203.0.113.5").SignInAsync("Baobab")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ownPhone.SignInAsync("Baobab")).StatusCode);
        // Someone else on the stranger's network is not held up either.
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient(from: "198.51.100.7").SignInAsync("Faucon")).StatusCode);
    }

    [Fact]
    public async Task Waits_double_with_each_wrong_password_up_to_the_longest_then_end_by_themselves()
    {
        var clock = Clock();
        using var app = Shipped(clock);
        var client = app.CreateBrowserlessClient(from: "198.51.100.8");
        for (var i = 0; i < 6; i++)
        {
            await AnsweredWrongAsync(client, "Colibri");
        }

        var waits = new List<TimeSpan>();
        for (var round = 0; round < 7; round++)
        {
            var (_, _, wait) = await RefusedAsync(await client.SignInAsync("Colibri"), "pour cet identifiant", TimeSpan.FromMinutes(10));
            waits.Add(wait);
            clock.Advance(wait - TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SignInAsync("Colibri")).StatusCode);
            clock.Advance(TimeSpan.FromSeconds(1));
            // Once the wait is over the password is checked again, and one more wrong one doubles the next wait.
            await AnsweredWrongAsync(client, "Colibri");
        }
        Assert.Equal(new[] { 15, 30, 60, 120, 240, 480, 600 }.Select(seconds => TimeSpan.FromSeconds(seconds)), waits);

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("Colibri")).StatusCode);
        // The right password clears the count: the next mistake is only a mistake.
        await AnsweredWrongAsync(client, "Colibri");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("Colibri")).StatusCode);
    }

    [Fact]
    public async Task Guessing_spread_over_many_addresses_slows_the_account_but_not_its_owner_on_a_phone_they_used_before()
    {
        var clock = Clock();
        using var app = Shipped(clock, ("Accounts:FreeWrongPasswordsPerAccount", "3"));
        var phone = app.CreateBrowserlessClient(from: "203.0.113.5");
        Assert.Equal(HttpStatusCode.Redirect, (await phone.SignInAsync("Colibri")).StatusCode);
        await phone.PostFormAsync("/compte/deconnexion", new Dictionary<string, string>());

        for (var i = 1; i <= 4; i++)
        {
            await AnsweredWrongAsync(app.CreateBrowserlessClient(from: $"198.51.100.{i}"), "Colibri");
        }
        // A fifth address, never seen, waits even with the right password: the account as a whole is being guessed.
        var newDevice = app.CreateBrowserlessClient(from: "198.51.100.50");
        var (_, _, wait) = await RefusedAsync(await newDevice.SignInAsync("Colibri"), "pour cet identifiant", TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromSeconds(15), wait);

        // The owner's phone, which signed in before, is counted apart and goes straight in.
        Assert.Equal(HttpStatusCode.Redirect, (await phone.SignInAsync("Colibri")).StatusCode);

        // The wait of the others ends by itself.
        clock.Advance(wait);
        Assert.Equal(HttpStatusCode.Redirect, (await newDevice.SignInAsync("Colibri")).StatusCode);
    }

    [Fact]
    public async Task Changing_a_password_waits_after_wrong_current_passwords_as_signing_in_does()
    {
        var clock = Clock();
        using var app = Shipped(clock);
        var client = await app.SignedInClientAsync($"pro5@{DemoSeeder.Domain}");
        Task<HttpResponseMessage> ChangeAsync(string current) => client.PostFormAsync("/compte", new Dictionary<string, string>
        {
            ["Current"] = current, ["Password"] = "une nouvelle phrase secrète", ["Confirmation"] = "une nouvelle phrase secrète",
        });

        for (var i = 0; i < 6; i++)
        {
            var wrong = await ChangeAsync("pas le bon");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("incorrect", (await wrong.ParseAsync()).QuerySelector("#erreur-current")!.TextContent);
        }

        var refused = await ChangeAsync(DemoSeeder.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await refused.ParseAsync();
        Assert.Equal("Mon compte", page.QuerySelector("h1")!.TextContent);
        var message = page.QuerySelector("#erreur-current")!.TextContent;
        Assert.Equal(SignInAttempts.TooManyWrongCurrentPasswords(TimeSpan.FromSeconds(15)), message);
        Assert.Equal(TimeSpan.FromSeconds(15), refused.NamedWait(message));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient(from: "203.0.113.9").SignInAsync($"pro5@{DemoSeeder.Domain}")).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(DemoSeeder.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync($"pro5@{DemoSeeder.Domain}", "une nouvelle phrase secrète")).StatusCode);
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
        var (page, _, _) = await RefusedAsync(await app.CreateBrowserlessClient().SignInAsync("Colibri"), "depuis ce réseau");
        Assert.Equal("Colibri", page.QuerySelector("input[name=Login]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient(from: "203.0.113.9").SignInAsync("Colibri")).StatusCode);
    }

    [Fact]
    public async Task A_phone_that_signed_in_before_is_not_held_back_by_a_script_filling_its_networks_ceiling()
    {
        using var app = Shipped(("Accounts:AttemptsPerMinutePerAddress", "5"));
        var baobab = app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await baobab.SignInAsync("Baobab")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await baobab.PostFormAsync("/compte/deconnexion", new Dictionary<string, string>())).StatusCode);
        for (var i = 1; i <= 6; i++)
        {
            await app.CreateBrowserlessClient().SignInAsync($"personne-{i}", "au hasard");
        }
        await RefusedAsync(await app.CreateBrowserlessClient().SignInAsync("Faucon"), "depuis ce réseau");
        Assert.Equal(HttpStatusCode.Redirect, (await baobab.SignInAsync("Baobab")).StatusCode);
    }

    [Fact]
    public async Task A_login_longer_than_any_account_is_refused_like_a_wrong_one_and_kept_nowhere()
    {
        using var app = Shipped();
        var refused = await app.CreateBrowserlessClient().SignInAsync(new string('b', 200_000), "au hasard");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(LoginModel.Refused, (await refused.ParseAsync()).QuerySelector("#erreur-login")!.TextContent);
        Assert.Equal(65, SignInAttempts.Bounded(new string('A', 70)).Length);
        Assert.Equal("COLIBRI", SignInAttempts.Bounded("COLIBRI"));
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

    [Fact]
    public async Task Wrong_administrator_links_have_their_own_count_apart_from_activation_codes()
    {
        using var app = Shipped(("Accounts:WrongActivationCodesPerMinute", "2"), ("Accounts:WrongAdministratorLinksPerMinute", "2"));
        var phone = app.CreateBrowserlessClient();
        Task<HttpResponseMessage> ActivateAsync(string code) => phone.PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = code, ["Password"] = "mon chat aime la pluie", ["Confirmation"] = "mon chat aime la pluie",
        });
        Task<HttpResponseMessage> FirstAccessAsync() => phone.PostFormAsync("/compte/premier-acces?compte=inconnu&jeton=faux", new Dictionary<string, string>
        {
            ["Password"] = "un matin calme au port", ["Confirmation"] = "un matin calme au port",
        });

        await ActivateAsync("AAAA-AAAA");
        await ActivateAsync("BBBB-BBBB");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ActivateAsync("CCCC-CCCC")).StatusCode);

        // The codes used up from here do not stop a wrong link from being told as such.
        for (var i = 0; i < 2; i++)
        {
            var spent = await FirstAccessAsync();
            Assert.Equal(HttpStatusCode.OK, spent.StatusCode);
            Assert.Contains("déjà servi", (await spent.ParseAsync()).QuerySelector(".error-summary")!.TextContent);
        }
        var refused = await FirstAccessAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var message = (await refused.ParseAsync()).QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("Trop d'essais depuis ce réseau. Réessayez dans ", message);
    }
}
