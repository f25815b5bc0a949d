namespace Participation.Web.Infrastructure;

/// <summary>Plural endings for the counts shown on the site.</summary>
public static class Plural
{
    /// <summary>"s" after a count above one, as French, English and Spanish add it.</summary>
    public static string S(int count) => count > 1 ? "s" : "";

    /// <summary>
    /// An Arabic count with its noun: one and two have forms of their own; the noun is plural
    /// after 3 to 10 and singular after 11 to 99, counted on the last two digits.
    /// </summary>
    public static string Arabic(int count, string one, string two, string few, string many, string hundreds)
    {
        var lastTwo = count % 100;
        return count switch
        {
            1 => one,
            2 => two,
            _ when lastTwo is >= 3 and <= 10 => $"{count} {few}",
            _ when lastTwo is >= 11 and <= 99 => $"{count} {many}",
            _ => $"{count} {hundreds}",
        };
    }
}
