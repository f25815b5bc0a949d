using Participation.Tests.Infrastructure;
using Participation.Web.Safeguarding;

namespace Participation.Tests.Safeguarding;

/// <summary>The lists of the repository, read once for every test of this folder.</summary>
public static class Lists
{
    /// <summary>The establishments of the demo data, as the site feeds them to its detector.</summary>
    public static readonly IReadOnlyList<string> DemoPlaces = ["MECS Les Tilleuls", "Foyer La Passerelle"];

    private static readonly Lazy<RiskDetector> Shared = new(() =>
    {
        var detector = RiskDetector.Load(RepoPaths.Content);
        detector.UsePlaces(DemoPlaces);
        return detector;
    });

    public static RiskDetector Detector => Shared.Value;

    public static string Summary(string text) => Detector.Scan(text).Summary;

    /// <summary>A copy of content/safeguarding in a folder of its own, to break on purpose.</summary>
    public static Dictionary<string, string> Files() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Content, SafeguardingLists.Folder), "*.txt")
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
}
