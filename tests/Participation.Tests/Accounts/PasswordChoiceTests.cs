using System.Net;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;

namespace Participation.Tests.Accounts;

/// <summary>One rule wherever a password is chosen: activation, the profile, the first administrator's link.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class PasswordChoiceTests(ParticipationApp app)
{
    private static readonly int Year = DateTime.Now.Year;

    /// <summary>A new young member's slip code, as a facilitator prints it.</summary>
    private async Task<string> NewYoungMemberAsync(string pseudonym)
    {
        var facilitator = await app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var page = await (await facilitator.PostFormAsync("/animation/jeunes/nouveau", new Dictionary<string, string>
        {
            ["Pseudonym"] = pseudonym, ["BirthYear"] = (Year - 10).ToString(), ["RealName"] = "", ["EstablishmentId"] = "",
        })).ParseAsync();
        return page.QuerySelector(".slip-code")!.TextContent.Trim();
    }

    private Task<HttpResponseMessage> ActivateAsync(string code, string password) =>
        app.CreateBrowserlessClient().PostFormAsync("/compte/activer", new Dictionary<string, string>
        {
            ["Code"] = code, ["Password"] = password, ["Confirmation"] = password,
        });

    private static async Task<string> PasswordErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ParseAsync()).QuerySelector("#erreur-password")!.TextContent;
    }

    [Fact]
    public async Task Every_page_that_sets_a_password_explains_the_rule_next_to_the_field()
    {
        var young = await app.SignedInClientAsync("Faucon");
        foreach (var page in new[]
        {
            await app.CreateBrowserlessClient().GetDocumentAsync("/compte/activer"),
            await young.GetDocumentAsync("/compte"),
            await app.CreateBrowserlessClient().GetDocumentAsync("/compte/premier-acces?compte=un-compte&jeton=un-jeton"),
        })
        {
            Assert.Equal(PasswordRule.Explanation, page.QuerySelector("#mdp-aide")!.TextContent);
            Assert.StartsWith("mdp-aide", page.QuerySelector("input[name=Password]")!.GetAttribute("aria-describedby"));
        }
    }

    [Fact]
    public async Task Activation_refuses_a_common_password_the_example_or_the_pseudonym_and_the_code_still_works()
    {
        var code = await NewYoungMemberAsync("Hérisson-Bleu");

        var common = await ActivateAsync(code, "Motdepasse2024");
        Assert.Contains("trop connu", await PasswordErrorAsync(common));
        Assert.Equal(code, (await common.ParseAsync()).QuerySelector("input[name=Code]")!.GetAttribute("value"));
        Assert.Contains("exemple", await PasswordErrorAsync(await ActivateAsync(code, "La girafe mange des crêpes")));
        Assert.Contains("ressemble trop au pseudo", await PasswordErrorAsync(await ActivateAsync(code, "herisson-bleu")));
        Assert.Contains("ressemble trop au pseudo", await PasswordErrorAsync(await ActivateAsync(code, "Hérisson-Bleu2024")));

        var accepted = await ActivateAsync(code, "le hérisson bleu dort sous la haie");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync("Hérisson-Bleu", "le hérisson bleu dort sous la haie")).StatusCode);
    }

    [Fact]
    public async Task The_profile_refuses_a_common_password_or_the_pseudonym_and_keeps_the_old_one()
    {
        var code = await NewYoungMemberAsync("Loutre-Agile");
        Assert.Equal(HttpStatusCode.Redirect, (await ActivateAsync(code, "la loutre nage vite")).StatusCode);
        var client = app.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("Loutre-Agile", "la loutre nage vite")).StatusCode);
        Task<HttpResponseMessage> ChangeAsync(string password) => client.PostFormAsync("/compte", new Dictionary<string, string>
        {
            ["Current"] = "la loutre nage vite", ["Password"] = password, ["Confirmation"] = password,
        });

        Assert.Contains("trop connu", await PasswordErrorAsync(await ChangeAsync("iloveyou123")));
        Assert.Contains("trop connu", await PasswordErrorAsync(await ChangeAsync("AZERTYUIOP")));
        Assert.Contains("ressemble trop au pseudo", await PasswordErrorAsync(await ChangeAsync("LOUTRE-AGILE")));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync("Loutre-Agile", "la loutre nage vite")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync("trois pommes et un radis")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserlessClient().SignInAsync("Loutre-Agile", "trois pommes et un radis")).StatusCode);
    }
}
