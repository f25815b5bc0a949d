namespace Participation.Web.Safeguarding;

/// <summary>
/// A name as it reads on a screen rather than as it is coded: letters of other scripts that look
/// Latin become Latin (« Соlibri » in Cyrillic is « Colibri »), styled and invisible characters go,
/// and case, accents, doubled letters and separators are dropped. Two names with one key pass for
/// each other on the console, the wall or a proposal.
/// </summary>
public static class LookAlike
{
    public static string Key(string name)
    {
        var plain = Skeleton.Of(name).Text.Normalize(System.Text.NormalizationForm.FormD);
        var key = new System.Text.StringBuilder(plain.Length);
        foreach (var c in plain)
        {
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (key.Length == 0 || key[^1] != lower || char.IsDigit(lower))
            {
                key.Append(lower);
            }
        }
        return key.ToString();
    }
}
