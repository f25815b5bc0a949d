using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;

namespace Participation.Tests.Accounts;

/// <summary>A password is compared composed (NFC), never with anything taken out of it.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class ComposedPasswordTests(ParticipationApp app)
{
    private async Task<string> NewYoungCodeAsync(string pseudonym)
    {
        var facilitator = await app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var page = await (await facilitator.PostFormAsync("/animation/jeunes/nouveau", new Dictionary<string, string>
        {
            ["Pseudonym"] = pseudonym, ["BirthYear"] = (DateTime.Now.Year - 16).ToString(), ["RealName"] = "", ["EstablishmentId"] = "",
        })).ParseAsync();
        return page.QuerySelector(".slip-code")!.TextContent.Trim();
    }

    [Fact]
    public async Task A_password_chosen_with_decomposed_accents_opens_the_account_when_typed_composed_and_keeps_its_invisible_characters()
    {
        var code = await NewYoungCodeAsync("Tente-Ete");
        const string chosen = "ma tente d'e\u0301te\u0301\u200B au lac";
        var activated = await app.CreateBrowserlessClient().PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = code, ["Password"] = chosen, ["Confirmation"] = chosen,
        });
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync("Tente-Ete", "ma tente d'\u00E9t\u00E9\u200B au lac")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync("Tente-Ete", chosen)).StatusCode);
        // The zero-width space is part of the password: without it, it is another one.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserlessClient().SignInAsync("Tente-Ete", "ma tente d'\u00E9t\u00E9 au lac")).StatusCode);
    }

    [Fact]
    public async Task A_new_password_chosen_composed_is_checked_the_same_way_on_the_profile()
    {
        var code = await NewYoungCodeAsync("Riviere-Nfc");
        var young = app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await young.PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = code, ["Password"] = "la rivie\u0300re chante", ["Confirmation"] = "la rivie\u0300re chante",
        })).StatusCode);
        var changed = await young.PostFormAsync("/compte", new Dictionary<string, string>
        {
            ["Current"] = "la rivi\u00E8re chante", ["Password"] = "le ce\u0301dre est grand", ["Confirmation"] = "le ce\u0301dre est grand",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync("Riviere-Nfc", "le c\u00E9dre est grand")).StatusCode);
    }

    [Fact]
    public async Task A_password_stored_decomposed_before_passwords_were_composed_still_opens_the_account_and_is_stored_again_composed()
    {
        await NewYoungCodeAsync("Ancien-Mdp");
        const string decomposed = "un vieux che\u0302ne";
        var legacy = new PasswordHasher<Member>();
        await app.WithDbAsync(async db =>
        {
            var member = await db.Users.SingleAsync(u => u.Pseudonym == "Ancien-Mdp");
            member.PasswordHash = legacy.HashPassword(member, decomposed);
            member.ActivationCodeHash = null;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync("Ancien-Mdp", decomposed)).StatusCode);
        var member = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Pseudonym == "Ancien-Mdp"));
        Assert.Equal(PasswordVerificationResult.Success, legacy.VerifyHashedPassword(member, member.PasswordHash!, "un vieux ch\u00EAne"));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync("Ancien-Mdp", "un vieux ch\u00EAne")).StatusCode);
    }
}
