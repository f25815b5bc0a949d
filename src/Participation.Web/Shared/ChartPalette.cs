namespace Participation.Web.Shared;

/// <summary>What the bars of a chart stand for: separate categories, or the ordered points of a scale.</summary>
public enum ChartKind
{
    Categories,
    Scale,
}

/// <summary>
/// The colours of the staff's charts, chosen so that colour carries meaning and never alone: one
/// colour for every category (the label says which), and for a scale one blue growing darker in
/// order, which readers with any colour-vision deficiency still see as lighter to darker. Every
/// colour keeps at least 3:1 against the page and the panel, as WCAG asks of graphics.
/// </summary>
public static class ChartPalette
{
    public const string Category = "#0b6e69";

    /// <summary>From light to dark; each at least 3:1 against white and the page's cream.</summary>
    public static readonly IReadOnlyList<string> Blues = ["#5b8bc9", "#4a7bbf", "#3a68a8", "#2b5590", "#1d4277", "#12305c"];

    /// <summary><paramref name="steps"/> colours of the scale in order, spread over the whole ramp.</summary>
    public static IReadOnlyList<string> Ramp(int steps) =>
        steps <= 1
            ? [Blues[^1]]
            : Enumerable.Range(0, steps).Select(i => Blues[(int)Math.Round(i * (Blues.Count - 1) / (double)(steps - 1))]).ToList();

    public static string Fill(ChartKind kind, int index, int count) => kind == ChartKind.Scale ? Ramp(count)[index] : Category;
}
