using Participation.Web.Content;

namespace Participation.Web.Peers;

public sealed record Resource(ContentPage Page, string Theme, bool ForParents)
{
    public string Slug => Page.Slug;
    public string Title => Page.Title;
}

/// <summary>
/// The network's Markdown: the resource library of content/ressources, which posts link to, and the
/// house rules of content/entraide, whose version a member accepts before their first post. Read and
/// checked once at start-up, like the site's pages.
/// </summary>
public sealed class PeerLibrary
{
    public const string ResourcesFolder = "ressources";
    public const string RulesFile = "entraide/regles.md";

    /// <summary>The themes in the order the library shows them, with their French names.</summary>
    public static readonly IReadOnlyList<(string Slug, string Label)> Themes =
    [
        ("droits-18-ans", "Tes droits à 18 ans"),
        ("logement", "Se loger"),
        ("papiers", "Les papiers"),
        ("budget", "Le budget"),
        ("sante", "La santé"),
        ("etudes", "Les études"),
        ("travail", "Le travail"),
        ("transport", "Transports et permis"),
        ("droits-parents", "Vos droits de parent"),
    ];

    private readonly Dictionary<string, Resource> _resources;

    private PeerLibrary(Dictionary<string, Resource> resources, ContentPage rules, string rulesVersion)
    {
        _resources = resources;
        Rules = rules;
        RulesVersion = rulesVersion;
    }

    public ContentPage Rules { get; }

    /// <summary>The version a member accepts; a new one asks everyone to read the rules again.</summary>
    public string RulesVersion { get; }

    public IReadOnlyCollection<Resource> Resources => _resources.Values;

    public Resource? Find(string? slug) => slug is null ? null : _resources.GetValueOrDefault(slug);

    /// <summary>A content page's headings one level lower, to sit under a heading of the page that shows it.</summary>
    public static string OneLevelDown(string html) =>
        html.Replace("<h5", "<h6").Replace("</h5>", "</h6>").Replace("<h4", "<h5").Replace("</h4>", "</h5>")
            .Replace("<h3", "<h4").Replace("</h3>", "</h4>").Replace("<h2", "<h3").Replace("</h2>", "</h3>");

    public static string ThemeLabel(string theme) => Themes.FirstOrDefault(t => t.Slug == theme).Label ?? theme;

    public static PeerLibrary Load(string contentRoot)
    {
        var problems = new List<string>();
        var resources = new Dictionary<string, Resource>(StringComparer.Ordinal);
        var folder = Path.Combine(contentRoot, ResourcesFolder);
        if (!Directory.Exists(folder))
        {
            throw new ContentException([$"le dossier {folder} est introuvable."]);
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.Combine(ResourcesFolder, Path.GetFileName(file));
            if (ContentLibrary.Read(file, name, Path.GetFileNameWithoutExtension(file), problems) is not { } page)
            {
                continue;
            }
            var theme = page.Fields.GetValueOrDefault("theme");
            if (theme is null || Themes.All(t => t.Slug != theme))
            {
                problems.Add($"{name} : l'en-tête doit donner un thème connu (« theme: ... ») parmi : {string.Join(", ", Themes.Select(t => t.Slug))}.");
                continue;
            }
            var audience = page.Fields.GetValueOrDefault("public") ?? "jeunes";
            if (audience is not ("jeunes" or "parents" or "tous"))
            {
                problems.Add($"{name} : « public: » vaut « jeunes », « parents » ou « tous ».");
                continue;
            }
            resources[page.Slug] = new Resource(page, theme, audience == "parents");
        }
        foreach (var (slug, label) in Themes.Where(t => t.Slug != "droits-parents" && resources.Values.All(r => r.Theme != t.Slug)))
        {
            problems.Add($"{ResourcesFolder} : aucune fiche sur le thème « {label} » ({slug}).");
        }

        var rulesFile = Path.Combine(contentRoot, RulesFile);
        ContentPage? rules = null;
        if (!File.Exists(rulesFile))
        {
            problems.Add($"{RulesFile} : les règles du réseau d'entraide manquent.");
        }
        else if ((rules = ContentLibrary.Read(rulesFile, RulesFile, "regles", problems)) is not null && rules.Fields.GetValueOrDefault("version") is not { Length: > 0 and <= 20 })
        {
            problems.Add($"{RulesFile} : l'en-tête doit donner la version des règles (« version: 2026-12 »), 20 caractères au plus.");
        }
        if (problems.Count > 0)
        {
            throw new ContentException(problems);
        }
        return new PeerLibrary(resources, rules!, rules!.Fields["version"]);
    }
}
