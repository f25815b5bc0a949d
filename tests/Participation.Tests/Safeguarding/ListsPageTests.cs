using System.Net;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.Tests.Safeguarding;

[Collection(SharedAppCollection.Name)]
public sealed class ListsPageTests(ParticipationApp app)
{
    private const string Page = "/pilotage/vigilance/listes";

    [Theory]
    [MemberData(nameof(DemoRoles.EveryRole), MemberType = typeof(DemoRoles))]
    public async Task Only_moderators_and_administrators_see_the_lists(string login, string role)
    {
        var client = await app.SignedInClientAsync(login);
        var response = await client.GetAsync(Page);
        if (role is Roles.Moderator or Roles.Admin)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/compte/acces-refuse", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await app.CreateBrowserlessClient().GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/compte/connexion", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("Colibri", "/compte/acces-refuse")]
    [InlineData(null, "/compte/connexion")]
    public async Task A_young_member_or_a_visitor_trying_a_sentence_is_refused_and_sees_no_result(string? login, string refusal)
    {
        var staff = await app.SignedInClientAsync($"moderation@{DemoSeeder.Domain}");
        var token = (await staff.GetDocumentAsync(Page)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var client = login is null ? app.CreateBrowserlessClient() : await app.SignedInClientAsync(login);
        var response = await client.PostAsync(Page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Trial"] = "il m'a encore frappé",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(refusal, response.Headers.Location!.ToString());
        Assert.DoesNotContain("violence.txt", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_shows_each_list_with_its_comments_the_exceptions_and_the_establishments()
    {
        var client = await app.SignedInClientAsync($"moderation@{DemoSeeder.Domain}");
        var page = await client.GetDocumentAsync(Page);
        var text = page.Text();
        foreach (var heading in new[] { "Suicide et auto-agression", "Violences et maltraitance", "Fugue ou danger immédiat", "Harcèlement", "Coordonnées", "Exceptions", "Établissements connus" })
        {
            Assert.Contains(page.QuerySelectorAll("h2"), h => h.TextContent == heading);
        }
        Assert.Contains("@vouloir ... @mourir", text);
        // The comments are spaced the French way when shown, like the Markdown pages.
        Assert.Contains("envie ou projet de mourir\u00a0: «\u00a0je veux mourir\u00a0»", text);
        Assert.Contains("suicide.txt:", text);
        Assert.Contains("@mourir (de|d') @banal", text);
        Assert.Contains(page.QuerySelectorAll(".place-list li"), li => li.TextContent == "MECS Les Tilleuls");
    }

    [Fact]
    public async Task A_sentence_tried_on_the_page_says_which_entry_catches_it()
    {
        var client = await app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var response = await client.PostFormAsync(Page, new Dictionary<string, string> { ["Trial"] = "il m'a encore frappé" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.ParseAsync()).QuerySelector(".trial-result")!.TextContent;
        Assert.Contains("Violences et maltraitance", result);
        Assert.Contains("violence.txt:", result);

        var empty = await client.PostFormAsync(Page, new Dictionary<string, string> { ["Trial"] = "" });
        Assert.Contains("Écrivez une phrase à essayer.", (await empty.ParseAsync()).Text());
    }
}
