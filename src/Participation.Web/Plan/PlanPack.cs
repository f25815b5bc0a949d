using System.Text.Json;
using Participation.Web.Content;
using Participation.Web.Shared;

namespace Participation.Web.Plan;

/// <summary>The JSON shape of a plan pack in content/plans.</summary>
public sealed record PlanPack(
    string Slug, string Title, string Territory, int StartYear, int EndYear, bool Primary, string Summary,
    IReadOnlyList<string> Levels, IReadOnlyList<PlanPackNode> Nodes, IReadOnlyList<PlanPackCommitment>? Commitments = null);

/// <summary>An element of the plan; an action names its themes by their slugs (« alimentation », « sortie-ase »).</summary>
public sealed record PlanPackNode(string Code, string Title, string Summary, IReadOnlyList<PlanPackNode>? Children = null, IReadOnlyList<string>? Themes = null)
{
    /// <summary>The themes named, together; unknown slugs are left out here and reported by the check.</summary>
    public Theme ThemeFlags => (Themes ?? []).Select(Shared.Themes.FromSlug).OfType<Theme>().Aggregate(Theme.None, (all, t) => all | t);
}

public sealed record PlanPackCommitment(int Number, string Title, string Summary, int StartYear, int EndYear, IReadOnlyList<string> Actions);

public static class PlanPacks
{
    public const string Folder = "plans";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>Reads every pack; any problem in any file is reported with the file's name.</summary>
    public static IReadOnlyList<PlanPack> ReadAll(string contentRoot)
    {
        var folder = Path.Combine(contentRoot, Folder);
        var problems = new List<string>();
        var packs = new List<PlanPack>();
        if (!Directory.Exists(folder))
        {
            throw new ContentException([$"le dossier {folder} est introuvable."]);
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.Combine(Folder, Path.GetFileName(file));
            if (Parse(File.ReadAllText(file), name, problems) is { } pack)
            {
                packs.Add(pack);
            }
        }
        foreach (var duplicate in packs.GroupBy(p => p.Slug).Where(g => g.Count() > 1))
        {
            problems.Add($"{Folder} : deux schémas portent le même identifiant « {duplicate.Key} ».");
        }
        if (packs.Count(p => p.Primary) > 1)
        {
            problems.Add($"{Folder} : un seul schéma peut être marqué \"primary\": true.");
        }
        if (problems.Count > 0)
        {
            throw new ContentException(problems);
        }
        return packs;
    }

    public static PlanPack? Parse(string json, string name, List<string> problems)
    {
        PlanPack? pack;
        try
        {
            pack = JsonSerializer.Deserialize<PlanPack>(json, Json);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $", ligne {line + 1}" : "";
            problems.Add($"{name}{where} : le JSON est invalide ou incomplet ({e.Message}).");
            return null;
        }
        if (pack is null)
        {
            problems.Add($"{name} : le fichier est vide.");
            return null;
        }
        var before = problems.Count;
        Check(pack, name, problems);
        return problems.Count == before ? pack : null;
    }

    private static void Check(PlanPack pack, string name, List<string> problems)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(pack.Slug, "^[a-z0-9]+(-[a-z0-9]+)*$"))
        {
            problems.Add($"{name} : \"slug\" doit être en minuscules, chiffres et tirets.");
        }
        if (string.IsNullOrWhiteSpace(pack.Title))
        {
            problems.Add($"{name} : \"title\" est vide.");
        }
        if (pack.StartYear > pack.EndYear)
        {
            problems.Add($"{name} : \"startYear\" ({pack.StartYear}) est après \"endYear\" ({pack.EndYear}).");
        }
        if (pack.Levels.Count == 0 || pack.Levels.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{name} : \"levels\" doit nommer chaque niveau de l'arbre (par exemple [\"orientation\", \"priorité\", \"action\"]).");
            return;
        }
        if (pack.Nodes.Count == 0)
        {
            problems.Add($"{name} : le schéma n'a aucun élément dans \"nodes\".");
        }

        var leaves = new HashSet<string>(StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        void Visit(PlanPackNode node, int depth)
        {
            if (string.IsNullOrWhiteSpace(node.Code) || !codes.Add(node.Code))
            {
                problems.Add($"{name} : le code « {node.Code} » est vide ou utilisé deux fois.");
            }
            if (string.IsNullOrWhiteSpace(node.Title))
            {
                problems.Add($"{name} : l'élément « {node.Code} » n'a pas de titre.");
            }
            if (depth >= pack.Levels.Count)
            {
                problems.Add($"{name} : l'élément « {node.Code} » est au niveau {depth + 1}, mais \"levels\" n'en nomme que {pack.Levels.Count}.");
                return;
            }
            foreach (var slug in (node.Themes ?? []).Where(slug => Themes.FromSlug(slug) is null))
            {
                problems.Add($"{name} : l'élément « {node.Code} » a un thème inconnu « {slug} ». Les thèmes sont : {string.Join(", ", Themes.All.Select(t => t.Slug()))}.");
            }
            if (node.Children is not { Count: > 0 })
            {
                // The département's own plan says what each action is about, so that a voice finds its action.
                if (pack.Primary && node.Themes is not { Count: > 0 })
                {
                    problems.Add($"{name} : l'action « {node.Code} » n'a pas de \"themes\" (par exemple [\"alimentation\"]).");
                }
                leaves.Add(node.Code);
                return;
            }
            foreach (var child in node.Children)
            {
                Visit(child, depth + 1);
            }
        }
        foreach (var node in pack.Nodes)
        {
            Visit(node, 0);
        }

        foreach (var commitment in pack.Commitments ?? [])
        {
            if (commitment.StartYear > commitment.EndYear || commitment.StartYear < pack.StartYear || commitment.EndYear > pack.EndYear)
            {
                problems.Add($"{name} : l'engagement {commitment.Number} a des années ({commitment.StartYear}-{commitment.EndYear}) hors de la période du schéma ({pack.StartYear}-{pack.EndYear}).");
            }
            foreach (var action in commitment.Actions.Where(a => !leaves.Contains(a)))
            {
                problems.Add($"{name} : l'engagement {commitment.Number} renvoie à « {action} », qui n'est pas une action du schéma.");
            }
        }
        foreach (var duplicate in (pack.Commitments ?? []).GroupBy(c => c.Number).Where(g => g.Count() > 1))
        {
            problems.Add($"{name} : deux engagements portent le numéro {duplicate.Key}.");
        }
    }
}
