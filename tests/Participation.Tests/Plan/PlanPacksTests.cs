using Participation.Tests.Infrastructure;
using Participation.Web.Plan;

namespace Participation.Tests.Plan;

public sealed class PlanPacksTests
{
    private const string Minimal = """
        {
          "slug": "essai", "title": "Essai", "territory": "Ici", "startYear": 2025, "endYear": 2029,
          "primary": true, "summary": "Un essai.", "levels": ["axe", "enjeu"],
          "nodes": [ { "code": "1", "title": "Axe", "summary": "s", "children": [ { "code": "1.1", "title": "Enjeu", "summary": "s", "themes": ["alimentation", "sante"] } ] } ],
          "commitments": [ { "number": 1, "title": "E", "summary": "s", "startYear": 2026, "endYear": 2027, "actions": ["1.1"] } ]
        }
        """;

    private static (PlanPack? Pack, List<string> Problems) Parse(string json)
    {
        var problems = new List<string>();
        return (PlanPacks.Parse(json, "plans/essai.json", problems), problems);
    }

    [Fact]
    public void A_well_formed_pack_reads()
    {
        var (pack, problems) = Parse(Minimal);
        Assert.Empty(problems);
        Assert.Equal(["axe", "enjeu"], pack!.Levels);
        Assert.Equal("1.1", pack.Nodes[0].Children![0].Code);
        Assert.Equal(Web.Shared.Theme.Food | Web.Shared.Theme.Health, pack.Nodes[0].Children![0].ThemeFlags);
    }

    [Fact]
    public void An_unknown_theme_and_an_action_of_the_primary_plan_without_themes_are_reported()
    {
        var (_, unknown) = Parse(Minimal.Replace("\"alimentation\"", "\"cantine\""));
        Assert.Contains(unknown, p => p.Contains("thème inconnu «\u00a0cantine\u00a0»"));
        var (_, missing) = Parse(Minimal.Replace(", \"themes\": [\"alimentation\", \"sante\"]", ""));
        Assert.Contains(missing, p => p.Contains("l'action «\u00a01.1\u00a0» n'a pas de \"themes\""));
        // Another département's plan, read for comparison, may leave them out.
        var (_, other) = Parse(Minimal.Replace(", \"themes\": [\"alimentation\", \"sante\"]", "").Replace("\"primary\": true", "\"primary\": false"));
        Assert.Empty(other);
    }

    [Fact]
    public void Every_theme_has_at_least_one_action_in_the_demo_plan()
    {
        var primary = PlanPacks.ReadAll(RepoPaths.Content).Single(p => p.Primary);
        IEnumerable<PlanPackNode> Leaves(PlanPackNode node) => node.Children is { Count: > 0 } children ? children.SelectMany(Leaves) : [node];
        var covered = primary.Nodes.SelectMany(Leaves).Aggregate(Web.Shared.Theme.None, (all, n) => all | n.ThemeFlags);
        Assert.All(Web.Shared.Themes.All, t => Assert.True(covered.HasFlag(t), Web.Shared.Themes.Slug(t)));
    }

    [Fact]
    public void Broken_json_is_reported_with_its_file_and_line()
    {
        var (pack, problems) = Parse("{\n  \"slug\": \"essai\",\n  \"title\": \n}");
        Assert.Null(pack);
        Assert.Contains(problems, p => p.StartsWith("plans/essai.json, ligne") && p.Contains("JSON"));
    }

    [Fact]
    public void A_commitment_pointing_at_an_unknown_action_is_reported()
    {
        var (pack, problems) = Parse(Minimal.Replace("\"actions\": [\"1.1\"]", "\"actions\": [\"9.9\"]"));
        Assert.Null(pack);
        Assert.Contains(problems, p => p.Contains("«\u00a09.9\u00a0»"));
    }

    [Fact]
    public void A_tree_deeper_than_its_levels_is_reported()
    {
        var (_, problems) = Parse(Minimal.Replace("\"levels\": [\"axe\", \"enjeu\"]", "\"levels\": [\"axe\"]"));
        Assert.Contains(problems, p => p.Contains("«\u00a01.1\u00a0» est au niveau 2"));
    }

    [Fact]
    public void Duplicate_codes_and_years_outside_the_plan_are_reported()
    {
        var json = Minimal.Replace("\"code\": \"1.1\"", "\"code\": \"1\"").Replace("\"endYear\": 2027", "\"endYear\": 2031").Replace("[\"1.1\"]", "[\"1\"]");
        var (_, problems) = Parse(json);
        Assert.Contains(problems, p => p.Contains("utilisé deux fois"));
        Assert.Contains(problems, p => p.Contains("hors de la période"));
    }

    [Fact]
    public void The_demo_plan_has_the_shape_of_a_real_schema()
    {
        var packs = PlanPacks.ReadAll(RepoPaths.Content);
        var bellerive = packs.Single(p => p.Primary);
        Assert.Equal(["orientation", "priorité", "action"], bellerive.Levels);
        Assert.Equal(4, bellerive.Nodes.Count);
        Assert.Equal(11, bellerive.Nodes.Sum(n => n.Children!.Count));
        Assert.Equal(40, bellerive.Nodes.SelectMany(n => n.Children!).Sum(n => n.Children!.Count));
        Assert.Equal(12, bellerive.Commitments!.Count);
    }

    [Fact]
    public void A_second_plan_organised_by_rights_loads_too()
    {
        var rights = PlanPacks.ReadAll(RepoPaths.Content).Single(p => !p.Primary);
        Assert.Equal(["droit", "objectif"], rights.Levels);
        Assert.Equal(6, rights.Nodes.Count);
        Assert.All(rights.Nodes, right => Assert.InRange(right.Children!.Count, 3, 4));
    }
}
