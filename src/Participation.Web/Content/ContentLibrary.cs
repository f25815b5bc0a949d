using System.Text;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Participation.Web.Infrastructure;

namespace Participation.Web.Content;

public sealed record ContentPage(string Slug, string Title, string? Description, string Html)
{
    /// <summary>Every field of the header, for content that says more than a title (a resource's theme).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
}

/// <summary>A content file that cannot be published, with every problem found in it.</summary>
public sealed class ContentException(IReadOnlyList<string> problems)
    : Exception("Le contenu du site contient des erreurs :" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// The Markdown pages of content/pages, read and checked once at start-up so that a broken file
/// stops the site with a clear message instead of failing a visitor's request.
/// </summary>
public sealed class ContentLibrary
{
    public const string PagesFolder = "pages";

    public static readonly IReadOnlyList<string> RequiredPages =
        ["accueil", "a-propos", "droits", "aide", "confidentialite", "analyse-impact", "accessibilite", "mentions-legales"];

    private readonly Dictionary<string, ContentPage> _pages;

    private ContentLibrary(Dictionary<string, ContentPage> pages) => _pages = pages;

    public IReadOnlyCollection<ContentPage> Pages => _pages.Values;

    public ContentPage? Find(string slug) => _pages.GetValueOrDefault(slug);

    public static ContentLibrary Load(string contentRoot)
    {
        var problems = new List<string>();
        var pages = new Dictionary<string, ContentPage>(StringComparer.Ordinal);
        var folder = Path.Combine(contentRoot, PagesFolder);
        if (!Directory.Exists(folder))
        {
            throw new ContentException([$"le dossier {folder} est introuvable."]);
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var slug = Path.GetFileNameWithoutExtension(file);
            var name = Path.Combine(PagesFolder, Path.GetFileName(file));
            var page = Read(file, name, slug, problems);
            if (page is not null)
            {
                pages[slug] = page;
            }
        }
        foreach (var missing in RequiredPages.Where(slug => !pages.ContainsKey(slug) && !problems.Any(p => p.StartsWith(Path.Combine(PagesFolder, slug + ".md"), StringComparison.Ordinal))))
        {
            problems.Add($"{Path.Combine(PagesFolder, missing + ".md")} : cette page obligatoire manque.");
        }
        if (problems.Count > 0)
        {
            throw new ContentException(problems);
        }
        return new ContentLibrary(pages);
    }

    internal static ContentPage? Read(string file, string name, string slug, List<string> problems)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(file));
        }
        catch (DecoderFallbackException)
        {
            problems.Add($"{name} : le fichier n'est pas en UTF-8.");
            return null;
        }
        return Parse(text, name, slug, problems);
    }

    internal static ContentPage? Parse(string text, string name, string slug, List<string> problems)
    {
        var before = problems.Count;
        if (!System.Text.RegularExpressions.Regex.IsMatch(slug, "^[a-z0-9]+(-[a-z0-9]+)*$"))
        {
            problems.Add($"{name} : le nom du fichier doit être en minuscules sans accents, avec des tirets (par exemple « mentions-legales.md »).");
        }

        var document = Markdown.Parse(text);
        var frontMatter = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (frontMatter is null)
        {
            problems.Add($"{name} : l'en-tête manque. Le fichier doit commencer par « --- », une ligne « title: ... », puis « --- ».");
        }
        else
        {
            foreach (var line in frontMatter.Lines.Lines.Take(frontMatter.Lines.Count))
            {
                var raw = line.ToString();
                if (string.IsNullOrWhiteSpace(raw) || raw.Trim() == "---")
                {
                    continue;
                }
                var colon = raw.IndexOf(':');
                if (colon <= 0)
                {
                    problems.Add($"{name}, ligne {line.Line + 1} : « {raw.Trim()} » devrait avoir la forme « clé: valeur ».");
                    continue;
                }
                fields[raw[..colon].Trim()] = raw[(colon + 1)..].Trim().Trim('"');
            }
            if (!fields.TryGetValue("title", out var t) || string.IsNullOrWhiteSpace(t))
            {
                problems.Add($"{name} : l'en-tête doit donner un titre (« title: ... »).");
            }
        }

        var previousLevel = 1;
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.Level == 1)
            {
                problems.Add($"{name}, ligne {heading.Line + 1} : pas de titre de niveau 1 (« # ») ; le titre de la page vient de l'en-tête. Commencez à « ## ».");
            }
            else if (heading.Level > previousLevel + 1)
            {
                problems.Add($"{name}, ligne {heading.Line + 1} : un titre de niveau {heading.Level} suit un niveau {previousLevel} ; n'en sautez pas.");
            }
            previousLevel = heading.Level;
        }

        if (document.Count(block => block is not YamlFrontMatterBlock) == 0)
        {
            problems.Add($"{name} : la page est vide.");
        }

        if (problems.Count > before)
        {
            return null;
        }
        // The header is plain text, outside the Markdown pipeline: it gets the same French spacing here.
        var description = fields.GetValueOrDefault("description") is { } d ? FrenchTypography.Space(d) : null;
        return new ContentPage(slug, FrenchTypography.Space(fields["title"]), description, Markdown.ToHtml(document)) { Fields = fields };
    }
}

public static class ContentExtensions
{
    public static WebApplicationBuilder AddSiteContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
            ContentLibrary.Load(services.GetRequiredService<Infrastructure.SiteLayout>().Content));
        return builder;
    }

    /// <summary>Reads the content now, so a malformed file stops the start-up with its name and line.</summary>
    public static void LoadContent(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<ContentLibrary>();
        }
        catch (ContentException e)
        {
            app.Logger.LogCritical("{Problems}", e.Message);
            throw;
        }
    }
}
