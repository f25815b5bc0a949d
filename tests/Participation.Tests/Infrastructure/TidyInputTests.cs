using System.Net;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Demo;
using Participation.Web.Proposals;

namespace Participation.Tests.Infrastructure;

/// <summary>Text typed with invisible characters, through the site's forms, as it is stored and shown.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class TidyInputTests(ParticipationApp app)
{
    private const string Family = "👨\u200D👩\u200D👧";
    private static readonly string[] Invisible = ["\u202E", "\u202A", "\u2066", "\u2069", "\u200E", "\u200F", "\u061C", "\u200B", "\uFEFF", "\u2060"];

    private static void AssertClean(string text)
    {
        foreach (var mark in Invisible)
        {
            Assert.DoesNotContain(mark, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_proposal_typed_with_bidi_controls_and_zero_width_spaces_is_stored_and_shown_without_them_and_keeps_its_emoji_family()
    {
        var client = await app.SignedInClientAsync("Baobab");
        var sent = await client.PostFormAsync("/propositions/nouvelle", new Dictionary<string, string>
        {
            ["Title"] = "\u202EDes sor\u200Bties en fa\u2060mille " + Family,
            ["Text"] = "\uFEFFUn week-end par trimestre avec ma fa\u200Bmille " + Family + ", orga\u2066nise\u0301 par le foyer\u2069\u200F.",
            ["Themes"] = "vie-sociale",
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var url = sent.Headers.Location!.OriginalString;
        var id = int.Parse(url.Split('/')[2].Split('?')[0]);

        var stored = await app.WithDbAsync(db => db.Proposals.SingleAsync(p => p.Id == id));
        Assert.Equal("Des sorties en famille " + Family, stored.Title);
        Assert.Equal("Un week-end par trimestre avec ma famille " + Family + ", organis\u00E9 par le foyer.", stored.Text);

        var page = await client.GetDocumentAsync(url);
        AssertClean(page.DocumentElement.OuterHtml);
        Assert.Equal("Des sorties en famille " + Family, page.QuerySelector("main h1")!.TextContent);
        Assert.Contains("ma famille " + Family + ", organis\u00E9 par le foyer.", page.Text());
    }

    [Fact]
    public async Task A_pseudonym_typed_with_invisible_characters_and_a_decomposed_accent_is_stored_composed_and_clean()
    {
        var facilitator = await app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var response = await facilitator.PostFormAsync("/animation/jeunes/nouveau", new Dictionary<string, string>
        {
            ["Pseudonym"] = "\u2067Zoe\u0301\u200B-Lu\u202Ene\u2069", ["BirthYear"] = (DateTime.Now.Year - 12).ToString(), ["RealName"] = "", ["EstablishmentId"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Equal("Zo\u00E9-Lune", page.QuerySelector(".slip-pseudonym")!.TextContent.Trim());
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Pseudonym == "Zo\u00E9-Lune")));
        AssertClean(await facilitator.GetStringAsync("/animation/jeunes"));
    }

    [Fact]
    public async Task An_answer_to_a_consultation_read_from_the_form_by_the_page_is_tidied_too()
    {
        var q = await app.CreateQuestionnaireAsync("Réponses tidied");
        var sent = await app.CreateBrowserlessClient().SendAnswerAsync(q, q.CompleteAnswer("Plus de vi\u200Bsites " + Family + "\u202E avec mes pa\u0301rents"));
        sent.AssertRedirectsToThanks(q.Slug);
        var text = await app.WithDbAsync(db => db.Answers
            .Where(a => a.QuestionId == q["idee"].Id)
            .Select(a => a.Text)
            .SingleAsync());
        Assert.Equal("Plus de visites " + Family + " avec mes p\u00E1rents", text);
    }
}
