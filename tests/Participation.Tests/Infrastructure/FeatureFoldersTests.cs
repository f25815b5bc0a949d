using System.Text.RegularExpressions;

namespace Participation.Tests.Infrastructure;

/// <summary>
/// Feature folders use one another in one direction only: a type two features share lives in
/// Shared/ or in a folder of its own, so that a feature can be read, changed and tested without the
/// features that use it. Read from the source: using directives, qualified names, and names
/// qualified from a parent namespace (Council.CouncilSession).
/// </summary>
public sealed partial class FeatureFoldersTests
{
    /// <summary>
    /// The common base: every feature may use it, and it uses no feature. Data/ holds the DbContext,
    /// which maps every feature's entities, so it is left out of the graph rather than counted as a
    /// way back from the base to every feature.
    /// </summary>
    private static readonly string[] Base = ["Shared", "Infrastructure"];

    private const string Data = "Data";

    /// <summary>Seeds every feature with demonstration content; only Program.cs starts it.</summary>
    private const string Demo = "Demo";

    private static readonly string[] NotSource = ["bin", "obj", "Properties", "wwwroot"];

    [GeneratedRegex(@"\bParticipation\.Web\.(\w+)")]
    private static partial Regex FullyQualified();

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+([A-Z]\w*)")]
    private static partial Regex Declaration();

    private sealed record SourceFile(string Folder, string RelativePath, string Text);

    private static readonly Lazy<Graph> Site = new(() => Graph.Read(Path.Combine(RepoPaths.Root, "src", "Participation.Web")));

    [Fact]
    public void No_feature_folder_uses_another_in_a_circle()
    {
        var features = Site.Value.Uses
            .Where(u => !IsBase(u.From) && !IsBase(u.To))
            .ToList();
        var cycle = FindCycle(features.Select(u => (u.From, u.To)));
        Assert.True(cycle is null, cycle is null ? "" : Site.Value.Explain(cycle));
    }

    [Fact]
    public void The_common_base_uses_no_feature()
    {
        var wrong = Site.Value.Uses.Where(u => Base.Contains(u.From) && !IsBase(u.To)).ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Select(u => $"{u.From} uses {u.To}: {string.Join(", ", u.Files)}")));
    }

    [Fact]
    public void Nothing_but_the_program_uses_the_demo()
    {
        var wrong = Site.Value.Uses.Where(u => u.To == Demo).ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Select(u => $"{u.From} uses {u.To}: {string.Join(", ", u.Files)}")));
    }

    /// <summary>A reader that found nothing would let every rule above pass: it must see what is known to be there.</summary>
    [Fact]
    public void The_reader_sees_features_using_one_another()
    {
        var uses = Site.Value.Uses;
        Assert.Contains(uses, u => u is { From: "Schema", To: "Proposals" });
        Assert.Contains(uses, u => u is { From: "Council", To: "Proposals" });
        Assert.Contains(uses, u => u is { From: "Demo", To: "Council" });
        Assert.Contains(uses, u => u is { From: "Proposals", To: "Shared" });
    }

    [Fact]
    public void A_name_qualified_from_a_parent_namespace_counts_as_a_use()
    {
        var graph = Graph.From(
        [
            new SourceFile("Proposals", "Proposals/Service.cs", "namespace Participation.Web.Proposals;\n// Like Participation.Web.Charter, in a comment only.\nclass S { void M(Council.CouncilSession s, Council.Unknown u) { } }"),
            new SourceFile("Council", "Council/CouncilEntities.cs", "namespace Participation.Web.Council;\npublic sealed class CouncilSession;"),
            new SourceFile("Council", "Council/Sessions.cs", "using Participation.Web.Proposals;\nnamespace Participation.Web.Council;"),
            new SourceFile("Charter", "Charter/Charter.cs", "namespace Participation.Web.Charter;"),
        ]);
        Assert.Equal(
            new[] { ("Council", "Proposals"), ("Proposals", "Council") },
            graph.Uses.Select(u => (u.From, u.To)).Order());
        Assert.Equal("Council → Proposals → Council", string.Join(" → ", FindCycle(graph.Uses.Select(u => (u.From, u.To)))!));
    }

    [Fact]
    public void A_graph_without_a_circle_has_no_cycle()
    {
        Assert.Null(FindCycle([("Schema", "Plan"), ("Schema", "Proposals"), ("Proposals", "Plan"), ("Plan", "Content")]));
        Assert.Equal(new[] { "Charter", "Testimonies", "Proposals", "Charter" }, FindCycle([("Charter", "Testimonies"), ("Testimonies", "Proposals"), ("Proposals", "Charter"), ("Proposals", "Plan")]));
    }

    private static bool IsBase(string folder) => Base.Contains(folder) || folder == Data;

    /// <summary>The first circle met walking the folders in order, as the path that closes it; null when there is none.</summary>
    private static IReadOnlyList<string>? FindCycle(IEnumerable<(string From, string To)> uses)
    {
        var next = uses.GroupBy(u => u.From).ToDictionary(g => g.Key, g => g.Select(u => u.To).Distinct().Order(StringComparer.Ordinal).ToList());
        var done = new HashSet<string>();
        var path = new List<string>();

        IReadOnlyList<string>? Walk(string folder)
        {
            var at = path.IndexOf(folder);
            if (at >= 0)
            {
                return [.. path.Skip(at), folder];
            }
            if (!done.Add(folder))
            {
                return null;
            }
            path.Add(folder);
            foreach (var to in next.GetValueOrDefault(folder) ?? [])
            {
                if (Walk(to) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            return null;
        }

        foreach (var folder in next.Keys.Order(StringComparer.Ordinal))
        {
            if (Walk(folder) is { } cycle)
            {
                return cycle;
            }
        }
        return null;
    }

    private sealed record Use(string From, string To, IReadOnlyList<string> Files);

    private sealed class Graph(IReadOnlyList<Use> uses)
    {
        public IReadOnlyList<Use> Uses { get; } = uses;

        public static Graph Read(string web)
        {
            var files = new List<SourceFile>();
            foreach (var path in Directory.EnumerateFiles(web, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(web, path).Replace('\\', '/');
                var parts = relative.Split('/');
                if (NotSource.Contains(parts[0]) || Path.GetExtension(path) is not (".cs" or ".cshtml" or ".razor"))
                {
                    continue;
                }
                // Program.cs, the root imports and the site's layouts compose every feature: they are not a feature.
                files.Add(new SourceFile(parts.Length > 1 ? parts[0] : "", relative, File.ReadAllText(path)));
            }
            return From(files);
        }

        public static Graph From(IReadOnlyList<SourceFile> files)
        {
            var folders = files.Select(f => f.Folder).Where(f => f.Length > 0).ToHashSet();
            var declared = folders.ToDictionary(f => f, f => files
                .Where(s => s.Folder == f)
                .SelectMany(s => s.RelativePath.EndsWith(".razor", StringComparison.Ordinal)
                    ? new[] { Path.GetFileNameWithoutExtension(s.RelativePath) }
                    : Declaration().Matches(s.Text).Select(m => m.Groups[1].Value))
                .ToHashSet());
            var fromParent = folders.ToDictionary(f => f, f => new Regex($@"(?<![\w.]){f}\.([A-Z]\w*)"));

            var uses = new Dictionary<(string From, string To), SortedSet<string>>();
            foreach (var file in files.Where(f => f.Folder.Length > 0))
            {
                var code = string.Join('\n', file.Text.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
                var named = FullyQualified().Matches(code).Select(m => m.Groups[1].Value).ToHashSet();
                if (file.RelativePath.EndsWith(".cs", StringComparison.Ordinal))
                {
                    named.UnionWith(folders.Where(f => fromParent[f].Matches(code).Any(m => declared[f].Contains(m.Groups[1].Value))));
                }
                foreach (var to in named.Where(n => folders.Contains(n) && n != file.Folder))
                {
                    if (!uses.TryGetValue((file.Folder, to), out var by))
                    {
                        uses[(file.Folder, to)] = by = new SortedSet<string>(StringComparer.Ordinal);
                    }
                    by.Add(file.RelativePath);
                }
            }
            return new Graph(uses.Select(u => new Use(u.Key.From, u.Key.To, [.. u.Value])).ToList());
        }

        public string Explain(IReadOnlyList<string> cycle)
        {
            var lines = new List<string> { $"Feature folders use one another in a circle: {string.Join(" → ", cycle)}." };
            for (var i = 0; i < cycle.Count - 1; i++)
            {
                var use = Uses.Single(u => u.From == cycle[i] && u.To == cycle[i + 1]);
                lines.Add($"{use.From} → {use.To}: {string.Join(", ", use.Files)}");
            }
            lines.Add("Move the types both sides need into Shared/ (or a folder of their own), or pass plain values across.");
            return string.Join('\n', lines);
        }
    }
}
