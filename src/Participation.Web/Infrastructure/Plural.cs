namespace Participation.Web.Infrastructure;

/// <summary>Plural endings for the counts shown on the site.</summary>
public static class Plural
{
    /// <summary>"s" after a count above one, as French, English and Spanish add it.</summary>
    public static string S(int count) => count > 1 ? "s" : "";

    /// <summary>
    /// A French noun after a count: « 3 priorités », « 2 enjeux »; a word already ending in s, x or z
    /// keeps its form. One word only: write both forms out for « proposition reliée ».
    /// </summary>
    public static string Noun(string word, int count) => count <= 1 || word.EndsWith('s') || word.EndsWith('x') || word.EndsWith('z')
        ? word
        : word.EndsWith("au", StringComparison.Ordinal) || word.EndsWith("eu", StringComparison.Ordinal) ? word + "x" : word + "s";

    /// <summary>A count and its noun, with zero said in words rather than « (0) »: « aucun soutien », « 1 soutien », « 3 soutiens ».</summary>
    public static string Count(int count, string noun, string none) => count == 0 ? none : $"{Number(count)} {Noun(noun, count)}";

    /// <summary>A number as French writes it: « 10 000 », thousands apart by a narrow space that never breaks.</summary>
    public static string Number(int count) => count.ToString("N0", FrenchDates.Culture);

    /// <summary>The same with a plural form of its own, for nouns of several words.</summary>
    public static string Count(int count, string one, string many, string none) => count switch
    {
        0 => none,
        1 => $"1 {one}",
        _ => $"{Number(count)} {many}",
    };

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
