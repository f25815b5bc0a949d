namespace Participation.Web.Shared;

/// <summary>Why figures are withheld: too few people, or because shown they would reveal a small group by subtraction.</summary>
public enum Masking
{
    Shown,
    TooFew,
    Complement,
}

/// <summary>
/// The small-group rule, for every result split by group: below <see cref="Minimum"/> people, a
/// group shows no detail, since in a small département a handful of answers can point to a family
/// or to the young people of one home. Nor can a small group be recovered by subtraction: whatever
/// the shown figures leave out of the whole is either nothing or at least <see cref="Minimum"/>.
/// </summary>
public static class SmallGroups
{
    public const int Minimum = 5;

    /// <summary>
    /// Which of several separate counts may be shown, knowing their <paramref name="whole"/>: each
    /// must reach the minimum, and so must what the shown ones leave out of the whole, unless that
    /// is nothing. Withholding the smallest shown count first keeps as much as possible in view.
    /// </summary>
    public static IReadOnlyList<Masking> Mask(IReadOnlyList<int> counts, int whole)
    {
        var masks = counts.Select(c => c >= Minimum ? Masking.Shown : Masking.TooFew).ToArray();
        while (true)
        {
            var left = whole - counts.Where((_, i) => masks[i] == Masking.Shown).Sum();
            var shown = Enumerable.Range(0, counts.Count).Where(i => masks[i] == Masking.Shown).ToList();
            if (left == 0 || left >= Minimum || shown.Count == 0)
            {
                return masks;
            }
            masks[shown.MinBy(i => counts[i])] = Masking.Complement;
        }
    }
}
