using Participation.Web.Content;

using Participation.Tests.Infrastructure;

namespace Participation.Tests.Content;

public sealed class ContentLibraryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "participation-content-" + Guid.NewGuid().ToString("N"));

    public ContentLibraryTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, ContentLibrary.PagesFolder));
        foreach (var slug in ContentLibrary.RequiredPages)
        {
            Write(slug, $"---\ntitle: Page {slug}\ndescription: Une page.\n---\n\n## Partie\n\nDu texte.\n");
        }
    }

    private void Write(string slug, string text) =>
        File.WriteAllText(Path.Combine(_root, ContentLibrary.PagesFolder, slug + ".md"), text);

    [Fact]
    public void Well_formed_pages_load_with_their_title_and_html()
    {
        var library = ContentLibrary.Load(_root);
        var page = library.Find("aide");
        Assert.NotNull(page);
        Assert.Equal("Page aide", page.Title);
        Assert.Equal("Une page.", page.Description);
        Assert.Contains("<h2 id=\"partie\">Partie</h2>", page.Html);
        Assert.DoesNotContain("title:", page.Html);
    }

    [Fact]
    public void The_title_and_description_of_a_page_get_french_spacing()
    {
        Write("aide", "---\ntitle: Besoin d'aide ?\ndescription: Qui appeler : le 119.\n---\n\nTexte.\n");
        var page = ContentLibrary.Load(_root).Find("aide")!;
        Assert.Equal("Besoin d'aide\u00a0?", page.Title);
        Assert.Equal("Qui appeler\u00a0: le 119.", page.Description);
    }

    [Fact]
    public void A_page_without_front_matter_is_reported_with_its_file_name()
    {
        Write("aide", "## Sans en-tête\n\nTexte.");
        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(_root));
        Assert.Contains(error.Problems, p => p.StartsWith(Path.Combine("pages", "aide.md")) && p.Contains("l'en-tête manque"));
    }

    [Fact]
    public void A_level_one_heading_and_a_skipped_level_are_reported_with_their_line()
    {
        Write("droits", "---\ntitle: Droits\n---\n\n# Deux titres\n\n## Partie\n\n#### Trop bas\n");
        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(_root));
        Assert.Contains(error.Problems, p => p.Contains("droits.md, ligne 5") && p.Contains("niveau 1"));
        Assert.Contains(error.Problems, p => p.Contains("droits.md, ligne 9") && p.Contains("niveau 4 suit un niveau 2"));
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_reported()
    {
        File.WriteAllBytes(Path.Combine(_root, ContentLibrary.PagesFolder, "aide.md"), [0x2D, 0x2D, 0x2D, 0x0A, 0xE9, 0xFF, 0xFE]);
        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(_root));
        Assert.Contains(error.Problems, p => p.Contains("aide.md") && p.Contains("UTF-8"));
    }

    [Fact]
    public void A_missing_required_page_is_reported()
    {
        File.Delete(Path.Combine(_root, ContentLibrary.PagesFolder, "mentions-legales.md"));
        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(_root));
        Assert.Contains(error.Problems, p => p.Contains("mentions-legales.md") && p.Contains("obligatoire"));
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        Write("aide", "pas d'en-tête");
        Write("droits", "---\ntitle:\n---\n\nTexte.");
        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(_root));
        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("aide.md", error.Message);
        Assert.Contains("droits.md", error.Message);
    }

    [Fact]
    public void The_project_content_itself_loads() =>
        Assert.Equal(ContentLibrary.RequiredPages.Order(), ContentLibrary.Load(RepoPaths.Content).Pages.Select(p => p.Slug).Order());

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
