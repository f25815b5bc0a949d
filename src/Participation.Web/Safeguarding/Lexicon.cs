using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Participation.Web.Safeguarding;

/// <summary>
/// What the detector knows about words beyond the lists: SMS spellings, words that are never names,
/// and the long list words a misspelling may stand for.
/// </summary>
internal sealed class Lexicon
{
    // Long words only: one letter away from a short word is another word (« nourrir » and « mourir »).
    public const int FuzzyWordLength = 7;
    public const int FuzzyStemLength = 6;
    private const int CacheLimit = 50_000;

    private readonly FrozenSet<string> _fuzzyWords;
    private readonly FrozenDictionary<string, string[]> _deletions;
    private readonly int[] _stemLengths;
    private readonly FrozenSet<string> _exact;
    private readonly FrozenSet<string> _stems;
    private readonly ConcurrentDictionary<string, string[]?> _cache = new(StringComparer.Ordinal);

    public Lexicon(IReadOnlyDictionary<string, string[]> spellings, IEnumerable<string> commonWords, IEnumerable<string> words, IEnumerable<string> stems)
    {
        Spellings = spellings.ToFrozenDictionary(StringComparer.Ordinal);
        CommonWords = commonWords.ToFrozenSet(StringComparer.Ordinal);
        _exact = words.ToFrozenSet(StringComparer.Ordinal);
        _stems = stems.ToFrozenSet(StringComparer.Ordinal);
        _fuzzyWords = _exact.Where(w => w.Length >= FuzzyWordLength).ToFrozenSet(StringComparer.Ordinal);
        var longStems = _stems.Where(s => s.Length >= FuzzyStemLength).ToList();
        _stemLengths = longStems.Select(s => s.Length).Distinct().Order().ToArray();

        // Every list word and stem under itself and each of its one-letter deletions: a word typed with
        // one letter missing, added, changed or swapped shares one of these keys (symmetric deletion).
        var deletions = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Index(string key, string target)
        {
            if (!deletions.TryGetValue(key, out var set))
            {
                deletions[key] = set = new HashSet<string>(StringComparer.Ordinal);
            }
            set.Add(target);
        }
        foreach (var target in _fuzzyWords.Concat(longStems))
        {
            Index(target, target);
            for (var i = 0; i < target.Length; i++)
            {
                Index(target.Remove(i, 1), target);
            }
        }
        _deletions = deletions.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public FrozenDictionary<string, string[]> Spellings { get; }

    public FrozenSet<string> CommonWords { get; }

    /// <summary>A word of the lists, of mots-courants.txt or of orthographes.txt.</summary>
    public bool Knows(string word) => _exact.Contains(word) || CommonWords.Contains(word) || Spellings.ContainsKey(word);

    /// <summary>List words and stems a word not in the lists is one letter away from; null when none.</summary>
    public string[]? Fuzzy(string word)
    {
        if (word.Length < FuzzyWordLength - 1 || _exact.Contains(word) || !char.IsLetter(word[0]))
        {
            return null;
        }
        if (_cache.TryGetValue(word, out var known))
        {
            return known;
        }
        var found = FindFuzzy(word);
        if (_cache.Count >= CacheLimit)
        {
            _cache.Clear();
        }
        _cache[word] = found;
        return found;
    }

    private string[]? FindFuzzy(string word)
    {
        HashSet<string>? found = null;
        void Look(string key, int length)
        {
            if (!_deletions.TryGetValue(key, out var targets))
            {
                return;
            }
            foreach (var target in targets)
            {
                // The first letter is rarely the one mistyped; keeping it avoids « Marcel » for « harcel… ».
                var isStem = _stems.Contains(target);
                var fits = isStem ? Math.Abs(target.Length - length) <= 1 : Math.Abs(target.Length - word.Length) <= 1;
                if (fits && target[0] == word[0] && target != word)
                {
                    (found ??= new HashSet<string>(StringComparer.Ordinal)).Add(target);
                }
            }
        }
        void LookAround(string piece)
        {
            Look(piece, piece.Length);
            for (var i = 0; i < piece.Length; i++)
            {
                Look(piece.Remove(i, 1), piece.Length);
            }
        }
        if (word.Length >= FuzzyWordLength - 1)
        {
            LookAround(word);
        }
        foreach (var length in _stemLengths)
        {
            for (var l = length - 1; l <= length + 1; l++)
            {
                if (l <= word.Length && l < word.Length + 1 && l >= FuzzyStemLength - 1 && l != word.Length)
                {
                    LookAround(word[..l]);
                }
            }
        }
        if (found is null)
        {
            return null;
        }
        // A word that already starts with a stem needs no fuzzy stand-in for it.
        found.RemoveWhere(target => _stems.Contains(target) && word.StartsWith(target, StringComparison.Ordinal));
        return found.Count == 0 ? null : found.ToArray();
    }
}
