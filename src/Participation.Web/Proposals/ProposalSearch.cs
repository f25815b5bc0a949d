using System.Text;

namespace Participation.Web.Proposals;

/// <summary>
/// Turns what a person types into a full-text query: every word must appear, as the start of a
/// word, accents ignored. A word shorter than <see cref="ShortestPrefix"/> letters must appear
/// whole: « l » of « l'école » is not every word beginning with an l, and a few single letters
/// cannot make the database walk every proposal. On SQLite an FTS5 query (the index folds accents
/// with unicode61 remove_diacritics 2); on PostgreSQL a tsquery read with French stemming and
/// unaccent.
/// <see cref="ProposalSearchSql"/> runs them.
/// </summary>
public static class ProposalSearch
{
    public const int MaxLength = 100;

    public const int ShortestPrefix = 3;

    public static string? ToFtsQuery(string? typed)
    {
        var words = Words(typed);
        // Quoting each word keeps FTS5 operators (AND, NEAR, *) typed by a person inert.
        return words.Count == 0 ? null : string.Join(' ', words.Select(w => w.Length < ShortestPrefix ? $"\"{w}\"" : $"\"{w}\"*"));
    }

    /// <summary>
    /// The same search for PostgreSQL's to_tsquery: every word, as the start of a word. Words are
    /// only letters and digits, so nothing typed can be read as an operator.
    /// </summary>
    public static string? ToTsQuery(string? typed)
    {
        var words = Words(typed);
        return words.Count == 0 ? null : string.Join(" & ", words.Select(w => w.Length < ShortestPrefix ? w : $"{w}:*"));
    }

    /// <summary>The first eight words typed, split at anything that is not a letter or a digit.</summary>
    public static IReadOnlyList<string> Words(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return [];
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
        return words.Take(8).ToList();
    }

    /// <summary>Words too common to say two proposals are about the same thing.</summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "pour", "avec", "dans", "plus", "sans", "sont", "etre", "avoir", "leur", "leurs", "nous", "vous", "elle", "elles", "tous", "toutes",
        "tout", "meme", "aussi", "comme", "quand", "faire", "peut", "chaque", "entre", "cette", "celle", "ceux", "dont", "mais", "donc",
        "avant", "apres", "chez", "quon", "jusqu", "fois", "tres", "bien", "mieux", "encore", "notre", "votre", "leurs",
    };

    /// <summary>The words of a title that carry its meaning: four letters or more, accents and case folded, common words left out.</summary>
    public static IReadOnlySet<string> MeaningfulWords(string text)
    {
        var folded = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4 && !Common.Contains(w)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// An FTS5 query finding proposals that share any meaningful word of a title, or null when the
    /// title has fewer than two: one shared word says too little.
    /// </summary>
    public static string? ToSimilarQuery(string title) =>
        SimilarWords(title) is { } words ? string.Join(" OR ", words.Select(w => $"\"{w}\"")) : null;

    /// <summary>The same for PostgreSQL's to_tsquery.</summary>
    public static string? ToSimilarTsQuery(string title) =>
        SimilarWords(title) is { } words ? string.Join(" | ", words) : null;

    private static IEnumerable<string>? SimilarWords(string title)
    {
        var words = MeaningfulWords(title);
        return words.Count < 2 ? null : words.OrderByDescending(w => w.Length).Take(5);
    }
}
