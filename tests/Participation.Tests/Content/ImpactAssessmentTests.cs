using System.Text.RegularExpressions;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Council;

namespace Participation.Tests.Content;

/// <summary>
/// The impact assessment promises, for each measure, a test that shows it; the privacy page
/// promises a complete list of cookies. Both are public words, so they are held to the code.
/// </summary>
public sealed partial class ImpactAssessmentTests
{
    [GeneratedRegex(@"`([A-Z][A-Za-z]+Tests)`")]
    private static partial Regex CitedTest();

    private static string Page(string slug) => File.ReadAllText(Path.Combine(RepoPaths.Content, "pages", slug + ".md"));

    [Fact]
    public void Every_test_the_assessment_cites_is_a_class_of_the_test_suites()
    {
        var cited = CitedTest().Matches(Page("analyse-impact")).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(cited.Count > 20, "the assessment should show its measures by their tests");
        var declared = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\bclass\s+([A-Za-z]+Tests)\b").Select(m => m.Groups[1].Value))
            .ToHashSet();
        var missing = cited.Where(name => !declared.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "analyse-impact.md cites tests that do not exist: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_privacy_page_names_every_cookie_the_site_sets()
    {
        var privacy = Page("confidentialite");
        string[] cookies =
        [
            "participation.session", "participation.antiforgery", KnownDevices.CookieName, JoinAttempts.DeviceCookie, GuestPasses.CookieName,
            Participation.Web.Consultations.AnswerModel.DeviceCookie(0)[..^1], "consultation-code-", ".AspNetCore.Mvc.CookieTempDataProvider",
        ];
        Assert.All(cookies, name => Assert.Contains($"`{name}", privacy));
    }

    [Fact]
    public void The_privacy_page_leads_to_the_assessment_and_to_the_rights_pages()
    {
        var privacy = Page("confidentialite");
        Assert.Contains("](/analyse-impact)", privacy);
        Assert.Contains("](/compte/mes-donnees)", privacy);
        Assert.Contains("](/compte/effacement)", privacy);
    }
}
