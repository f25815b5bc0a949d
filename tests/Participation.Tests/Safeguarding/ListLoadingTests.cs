using Participation.Tests.Infrastructure;
using Participation.Web.Content;
using Participation.Web.Safeguarding;

namespace Participation.Tests.Safeguarding;

/// <summary>A malformed list stops the load with its file, its line and what is wrong, in French.</summary>
public sealed class ListLoadingTests
{
    private static ContentException Broken(string file, Func<string, string> change)
    {
        var files = Lists.Files();
        files[file] = change(files[file]);
        return Assert.Throws<ContentException>(() => SafeguardingLists.Parse(files));
    }

    [Fact]
    public void The_lists_of_the_repository_load_with_a_comment_on_every_entry()
    {
        var lists = SafeguardingLists.Load(RepoPaths.Content);
        Assert.Equal(4, lists.Risks.Count);
        Assert.Equal(6, lists.PersonalDetails.Count);
        Assert.All(lists.Risks.Concat(lists.PersonalDetails).Append(lists.Exceptions).SelectMany(f => f.Entries), entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Comment), entry.Id);
            Assert.Matches(@"^[a-z-]+\.txt:\d+$", entry.Id);
        });
    }

    [Fact]
    public void An_entry_without_a_comment_is_reported_with_its_file_and_line()
    {
        var error = Broken("violence.txt", text => text + "il me pince fort\n");
        var lines = Lists.Files()["violence.txt"].Split('\n').Length;
        var problem = Assert.Single(error.Problems);
        Assert.StartsWith($"safeguarding/violence.txt, ligne {lines}", problem);
        Assert.Contains("ce qu'elle attrape", problem);
    }

    [Fact]
    public void An_unknown_group_an_unclosed_bracket_and_a_short_stem_are_each_reported()
    {
        var error = Broken("danger.txt", text => text + "@inconnus ... me suit  # faute de groupe\n(partir|fuir  # parenthèse ouverte\nfu* loin  # étoile trop tôt\n");
        var lines = Lists.Files()["danger.txt"].Split('\n').Length;
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith($"safeguarding/danger.txt, ligne {lines}") && p.Contains("@inconnus") && p.Contains("n'existe pas"));
        Assert.Contains(error.Problems, p => p.StartsWith($"safeguarding/danger.txt, ligne {lines + 1}") && p.Contains("il manque"));
        Assert.Contains(error.Problems, p => p.StartsWith($"safeguarding/danger.txt, ligne {lines + 2}") && p.Contains("au moins 3 lettres"));
    }

    [Fact]
    public void A_missing_list_and_a_misspelt_file_name_are_reported()
    {
        var folder = Path.Combine(Path.GetTempPath(), "participation-lists-" + Guid.NewGuid().ToString("N"));
        var lists = Path.Combine(folder, SafeguardingLists.Folder);
        Directory.CreateDirectory(lists);
        try
        {
            foreach (var (name, text) in Lists.Files().Where(f => f.Key != "harcelement.txt"))
            {
                File.WriteAllText(Path.Combine(lists, name), text);
            }
            File.WriteAllText(Path.Combine(lists, "harcellement.txt"), "harcel*  # harcèlement\n");
            var error = Assert.Throws<ContentException>(() => SafeguardingLists.Load(folder));
            Assert.Contains(error.Problems, p => p.StartsWith("safeguarding/harcellement.txt") && p.Contains("Une faute dans le nom"));
            Assert.Contains(error.Problems, p => p.StartsWith("safeguarding/harcelement.txt") && p.Contains("cette liste manque"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_malformed_list_stops_the_start_up_of_the_site_with_its_name_and_line()
    {
        var content = Path.Combine(Path.GetTempPath(), "participation-bad-lists-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyDirectory(RepoPaths.Content, content);
            var file = Path.Combine(content, SafeguardingLists.Folder, "suicide.txt");
            var lines = File.ReadAllText(file).Split('\n').Length;
            File.AppendAllText(file, "je veux [mourir  # crochet ouvert\n");
            using var app = ParticipationApp.With(new Dictionary<string, string?> { ["Site:Content"] = content, ["Demo:Seed"] = "false" });
            var error = Assert.Throws<ContentException>(() => app.CreateClient());
            Assert.Contains($"safeguarding/suicide.txt, ligne {lines}", error.Message);
        }
        finally
        {
            Directory.Delete(content, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to));
        }
    }
}
