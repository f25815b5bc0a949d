using System.Text;

namespace Participation.Web.Proposals;

/// <summary>
/// Turns what a person types into an FTS5 query: every word must appear, as the start of a word,
/// accents ignored (the index folds them with unicode61 remove_diacritics 2).
/// </summary>
public static class ProposalSearch
{
    public const int MaxLength = 100;

    public static string? ToFtsQuery(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in typed.Length > MaxLength ? typed[..MaxLength] : typed)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        // Quoting each word keeps FTS5 operators (AND, NEAR, *) typed by a person inert.
        return words.Count == 0 ? null : string.Join(' ', words.Take(8).Select(w => $"\"{w}\"*"));
    }
}
