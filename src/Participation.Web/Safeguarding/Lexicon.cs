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

    /// <summary>Shorter words are not read as several glued together: « mourir » is not « mou » + « rir ».</summary>
    public const int GluedWordLength = 8;
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

    /// <summary>
    /// The list words and stems a word with hidden letters can stand for: « m*urir » for « mourir »,
    /// « s*icid » for « suicid ». Each star hides one letter; null when nothing fits.
    /// </summary>
    public string[]? Unmask(string masked)
    {
        if (masked.Length < 3 || masked[0] == '*' || masked.Count(c => c == '*') * 2 > masked.Length)
        {
            return null;
        }
        var key = "*" + masked;
        if (_cache.TryGetValue(key, out var known))
        {
            return known;
        }
        static bool Fits(string word, string masked, int length)
        {
            for (var i = 0; i < length; i++)
            {
                if (masked[i] != '*' && masked[i] != word[i])
                {
                    return false;
                }
            }
            return true;
        }
        var found = _exact.Where(w => w.Length == masked.Length && Fits(w, masked, w.Length))
            .Concat(_stems.Where(s => s.Length >= 4 && s.Length <= masked.Length && Fits(s, masked, s.Length) && masked[..s.Length].Contains('*')))
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        var result = found.Length == 0 ? null : found;
        if (_cache.Count >= CacheLimit)
        {
            _cache.Clear();
        }
        _cache[key] = result;
        return result;
    }

    /// <summary>
    /// A long word that is several known words typed without spaces (« jeveuxmourir »), as those
    /// words; null when it cannot be read that way. The fewest pieces win.
    /// </summary>
    public string[]? Split(string word)
    {
        if (word.Length < GluedWordLength || word.Length > 40 || !word.All(char.IsAsciiLetterLower))
        {
            return null;
        }
        var key = "+" + word;
        if (_cache.TryGetValue(key, out var known))
        {
            return known;
        }
        // best[i]: the fewest known pieces that spell word[..i], and where the last one starts.
        var best = new int[word.Length + 1];
        var from = new int[word.Length + 1];
        Array.Fill(best, int.MaxValue);
        best[0] = 0;
        for (var end = 1; end <= word.Length; end++)
        {
            for (var start = 0; start < end; start++)
            {
                if (best[start] == int.MaxValue || best[start] + 1 >= best[end])
                {
                    continue;
                }
                var piece = word[start..end];
                var fits = piece.Length >= 2 ? KnowsPiece(piece) : start == 0 && Spellings.ContainsKey(piece);
                if (fits)
                {
                    best[end] = best[start] + 1;
                    from[end] = start;
                }
            }
        }
        string[]? result = null;
        if (best[word.Length] is >= 2 and < int.MaxValue)
        {
            var pieces = new List<string>();
            for (var end = word.Length; end > 0; end = from[end])
            {
                var piece = word[from[end]..end];
                pieces.Add(Knows(piece) ? piece : FrenchText.Canonical(piece));
            }
            pieces.Reverse();
            result = [.. pieces];
        }
        if (_cache.Count >= CacheLimit)
        {
            _cache.Clear();
        }
        _cache[key] = result;
        return result;
    }

    // A known word, or a word that starts with a list stem (« frappe » for « frapp* »).
    private bool KnowsPiece(string piece)
    {
        if (Knows(piece) || Knows(FrenchText.Canonical(piece)))
        {
            return true;
        }
        foreach (var stem in _stems)
        {
            if (stem.Length >= 4 && piece.StartsWith(stem, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

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
