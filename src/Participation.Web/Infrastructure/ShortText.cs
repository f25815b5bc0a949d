namespace Participation.Web.Infrastructure;

/// <summary>Small text shapes the pages share: a long text cut at a word, a word with its capital.</summary>
public static class ShortText
{
    /// <summary>The text on one line, cut at the last word that fits in <paramref name="length"/>, with « … » when cut.</summary>
    public static string AtWord(string text, int length)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= length)
        {
            return flat;
        }
        var cut = flat.LastIndexOf(' ', length);
        var end = cut > length / 2 ? cut : length;
        // Never between the two halves of an emoji: half of one is no character, and PostgreSQL refuses it.
        if (char.IsHighSurrogate(flat[end - 1]))
        {
            end--;
        }
        return string.Concat(flat.AsSpan(0, end), "…");
    }

    /// <summary>« orientation » becomes « Orientation ».</summary>
    public static string Capitalised(string word) =>
        word.Length == 0 ? word : string.Concat(char.ToUpperInvariant(word[0]).ToString(), word.AsSpan(1));
}
