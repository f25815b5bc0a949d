using Participation.Tests.Infrastructure;
using Participation.Web.Content;

namespace Participation.Tests.Content;

public sealed class StartupTests : IDisposable
{
    private readonly string _content = Path.Combine(Path.GetTempPath(), "participation-bad-content-" + Guid.NewGuid().ToString("N"));

    public StartupTests()
    {
        CopyDirectory(RepoPaths.Content, _content);
    }

    [Fact]
    public void A_malformed_page_stops_the_start_up_with_its_name_and_line()
    {
        File.WriteAllText(Path.Combine(_content, "pages", "aide.md"), "---\ntitle: Aide\n---\n\n# Titre en trop\n");
        using var app = ParticipationApp.With(new Dictionary<string, string?> { ["Site:Content"] = _content, ["Demo:Seed"] = "false" });
        var error = Assert.Throws<ContentException>(() => app.CreateClient());
        Assert.Contains("pages/aide.md, ligne 5", error.Message);
    }

    [Fact]
    public void A_malformed_plan_pack_stops_the_start_up_with_its_name()
    {
        File.WriteAllText(Path.Combine(_content, "plans", "montclar-2023-2028.json"), "{ \"slug\": ");
        using var app = ParticipationApp.With(new Dictionary<string, string?> { ["Site:Content"] = _content, ["Demo:Seed"] = "false" });
        var error = Assert.Throws<ContentException>(() => app.CreateClient());
        Assert.Contains("plans/montclar-2023-2028.json", error.Message);
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

    public void Dispose() => Directory.Delete(_content, recursive: true);
}
