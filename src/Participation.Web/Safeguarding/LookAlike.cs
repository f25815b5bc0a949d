namespace Participation.Web.Safeguarding;

/// <summary>
/// A name as it reads on a screen rather than as it is coded: letters of other scripts that look
/// Latin become Latin (« Соlibri » in Cyrillic is « Colibri »), styled and invisible characters go,
/// case, accents, doubled letters and separators are dropped, and strokes and digits that look like
/// letters read as those letters (« CoIibri », « C0libri »). Two names with one key pass for each
/// other on the console, the wall or a proposal.
/// </summary>
public static class LookAlike
{
    public static string Key(string name)
    {
        var plain = Skeleton.Of(name).Text.Normalize(System.Text.NormalizationForm.FormD);
        var key = new System.Text.StringBuilder(plain.Length);
        for (var at = 0; at < plain.Length; at++)
        {
            var c = plain[at];
            if (!char.IsLetterOrDigit(c) && c is not ('|' or '!' or '@' or '$'))
            {
                continue;
            }
            // A digit alone among letters passes for one (« C0libri »); a number (« Tigre-12 ») stays a number.
            var alone = !char.IsDigit(c) || !(Digit(plain, at - 1) || Digit(plain, at + 1));
            var read = alone ? Read(char.ToLowerInvariant(c)) : c;
            if (key.Length == 0 || key[^1] != read || char.IsDigit(read))
            {
                key.Append(read);
            }
        }
        return key.ToString();
    }

    private static bool Digit(string text, int at) => at >= 0 && at < text.Length && char.IsDigit(text[at]);

    /// <summary>
    /// Letters and digits a screen shows alike: « I », « l », « 1 », « | » and the dotless « ı » are
    /// one stroke, « 0 » is « o », and the digits that stand for letters are those letters.
    /// </summary>
    private static char Read(char c) => c switch
    {
        'i' or 'l' or '1' or '|' or '\u0131' or '\u01C0' or '!' => 'l',
        '0' => 'o',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' => 't',
        '8' => 'b',
        '\u0237' => 'j',
        _ => c,
    };
}
