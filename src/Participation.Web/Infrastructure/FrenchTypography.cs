using System.Text.RegularExpressions;

namespace Participation.Web.Infrastructure;

/// <summary>
/// French spacing: a no-break space before « ? », « ! », « : » and « ; » and inside guillemets,
/// so that a sign never starts a line on its own. The site writes it into its own strings; this
/// applies it to French text written elsewhere (the Markdown pages).
/// </summary>
public static partial class FrenchTypography
{
    /// <summary>U+00A0 rather than the narrow U+202F: every font has it.</summary>
    public const char NoBreakSpace = '\u00A0';

    /// <summary>
    /// Sets a no-break space where French wants one, replacing the ordinary space typed there or adding
    /// one that is missing. Times (14:30), addresses (https://) and « ?x=1 » are left as they are: a colon
    /// or a question mark only takes a space when a blank or the end of the text follows it.
    /// </summary>
    public static string Space(string text) => Space(text, afterWord: false);

    /// <param name="afterWord">The text continues a word outside it (after bold words, say), so a sign at its very start follows that word.</param>
    public static string Space(string text, bool afterWord)
    {
        if (text.Length == 0 || text.AsSpan().IndexOfAny("?!:;«»") < 0)
        {
            return text;
        }
        // A stand-in letter lets the rules see the word before the text; it is taken off again.
        var work = afterWord ? "x" + text : text;
        work = SpacesBeforeSign().Replace(work, NoBreakSpace.ToString());
        work = SignRightAfterWord().Replace(work, NoBreakSpace.ToString());
        work = OpeningGuillemet().Replace(work, "«" + NoBreakSpace);
        work = ClosingGuillemet().Replace(work, NoBreakSpace + "»");
        return afterWord ? work[1..] : work;
    }

    // Any run of spaces before a sign becomes one no-break space; a colon glued to a word after it (« a :b ») is not prose.
    [GeneratedRegex(@"[ \u00A0\u202F]+(?=[?!;]|:(?!\w))")]
    private static partial Regex SpacesBeforeSign();

    [GeneratedRegex(@"(?<=[\p{L}\p{N})\]»…])(?=[?!]+(?:[\s)\]»,.…]|$)|[;:](?:\s|$))")]
    private static partial Regex SignRightAfterWord();

    [GeneratedRegex(@"«[ \u00A0\u202F]*")]
    private static partial Regex OpeningGuillemet();

    [GeneratedRegex(@"[ \u00A0\u202F]*»")]
    private static partial Regex ClosingGuillemet();
}
