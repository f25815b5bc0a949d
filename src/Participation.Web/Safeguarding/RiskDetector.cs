using System.Collections.Frozen;
using System.Runtime.InteropServices;

namespace Participation.Web.Safeguarding;

/// <summary>
/// Reads French free text for signs that a young person is at risk, and for personal details.
/// Pure code over the lists of content/safeguarding: no web, no database, no network. One
/// instance serves every channel at once; scanning shares nothing but read-only state.
/// </summary>
public sealed class RiskDetector
{
    /// <summary>Longer texts are scanned up to here (channels cap theirs far lower).</summary>
    public const int MaxLength = 100_000;

    // A text full of matches (spam, a pasted list) still gets a report of bounded size.
    private const int MaxFindings = 50;

    // How many words before a match an exception may start: the longest idiom with its gaps.
    private const int ExceptionReach = 16;

    private readonly CompiledEntry[] _rules;
    private readonly CompiledEntry[] _exceptions;
    private readonly Lexicon _lexicon;
    private readonly FirstIndex _ruleIndex;
    private readonly FirstIndex _exceptionIndex;
    private readonly FirstIndex _ruleAnchors;
    private readonly FirstIndex _exceptionAnchors;
    private PlaceSet _places = PlaceSet.Empty;

    public RiskDetector(SafeguardingLists lists)
    {
        Lists = lists;
        _rules = [.. lists.Rules];
        _exceptions = [.. lists.ExceptionRules];
        _lexicon = lists.Lexicon;
        _ruleIndex = new FirstIndex(_rules, e => e.Pattern.First);
        _exceptionIndex = new FirstIndex(_exceptions, e => e.Pattern.First);
        _ruleAnchors = new FirstIndex(_rules, e => e.Pattern.Anchor is { } anchor ? [anchor] : []);
        _exceptionAnchors = new FirstIndex(_exceptions, e => e.Pattern.Anchor is { } anchor ? [anchor] : []);
    }

    public static RiskDetector Load(string contentRoot) => new(SafeguardingLists.Load(contentRoot));

    public SafeguardingLists Lists { get; }

    /// <summary>The establishment names caught as personal details besides the patterns of the lists.</summary>
    public IReadOnlyList<string> Places => Volatile.Read(ref _places).Names;

    /// <summary>Replaces the establishment names, at once for every scan that starts after.</summary>
    public void UsePlaces(IEnumerable<string> names) => Volatile.Write(ref _places, new PlaceSet(names, _lexicon));

    /// <summary>The words of a text as the lists see them: « Il m'a frappé » reads « il me a frape ».</summary>
    public string ReadAs(string text) =>
        string.Join(' ', FrenchText.Tokenise(Skeleton.Of(text).Text, _lexicon).Select(t => t.Kind switch
        {
            TokenKind.Word => t.Fuzzy is { } fuzzy ? $"{t.Text}(~{string.Join('/', fuzzy)})" : t.Text,
            TokenKind.Number => t.Text,
            TokenKind.HardBreak => "·",
            TokenKind.SoftBreak => ",",
            _ => "{" + t.Kind.ToString().ToLowerInvariant() + "}",
        }));

    /// <summary>
    /// Never throws: a fault gives a report that <see cref="RiskReport.Failed"/>, which
    /// <see cref="RiskReport.NeedsPerson"/>, so the text is held for a person rather than lost.
    /// </summary>
    public RiskReport Scan(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return RiskReport.Clear;
        }
        try
        {
            return ScanUnsafe(text);
        }
        catch (Exception e)
        {
            return RiskReport.Unscanned(e);
        }
    }

    private RiskReport ScanUnsafe(string original)
    {
        var truncated = original.Length > MaxLength;
        var text = truncated ? original[..(char.IsHighSurrogate(original[MaxLength - 1]) ? MaxLength - 1 : MaxLength)] : original;
        // Read as it looks: invisible characters and look-alike letters cannot hide a word.
        var skeleton = Skeleton.Of(text);
        var tokens = FrenchText.Tokenise(skeleton.Text, _lexicon);
        var matches = FindAll(tokens, _rules, _ruleIndex, _ruleAnchors, longest: false);
        var places = Volatile.Read(ref _places).FindAll(tokens);
        if (matches.Count == 0 && places.Count == 0)
        {
            return truncated ? new RiskReport { Truncated = true } : RiskReport.Clear;
        }
        if (matches.Count > 0)
        {
            // Exceptions are only tried where they could overlap a match: from a little before it to its end.
            var near = new bool[tokens.Count];
            foreach (var match in matches)
            {
                for (var i = Math.Max(0, match.Start - ExceptionReach); i < match.End; i++)
                {
                    near[i] = true;
                }
            }
            var exceptions = FindAll(tokens, _exceptions, _exceptionIndex, _exceptionAnchors, longest: true, near);
            // An idiom cancels a match it overlaps unless the match reaches beyond it: « mourir de rire »
            // cancels « je veux mourir », « en finir avec » cancels « en finir » but not « en finir avec la vie ».
            matches.RemoveAll(m => exceptions.Exists(x => x.Start < m.End && m.Start < x.End && m.End <= x.End));
        }

        var risks = new List<RiskFinding>();
        var details = new List<PersonalDetailFinding>();
        foreach (var match in matches)
        {
            var entry = _rules[match.Entry];
            var span = SpanOf(skeleton, tokens, match.Start, match.End);
            var excerpt = text.Substring(span.Start, span.Length);
            if (entry.Category is { } category && risks.Count < MaxFindings)
            {
                risks.Add(new RiskFinding(category, entry.Entry, span, excerpt));
            }
            else if (entry.Kind is { } kind && details.Count < MaxFindings)
            {
                details.Add(new PersonalDetailFinding(kind, entry.Entry, span, excerpt));
            }
        }
        foreach (var (name, start, end) in places)
        {
            if (details.Count < MaxFindings && SpanOf(skeleton, tokens, start, end) is var where
                && !details.Exists(d => d.Kind == PersonalDetailKind.Place && d.Where.Start <= where.Start && where.End <= d.Where.End))
            {
                var span = SpanOf(skeleton, tokens, start, end);
                details.Add(new PersonalDetailFinding(PersonalDetailKind.Place, new ListEntry(PlaceSet.EntryId, name, "établissement connu du site"), span, text.Substring(span.Start, span.Length)));
            }
        }
        return new RiskReport { Risks = risks, PersonalDetails = details, Truncated = truncated };
    }

    // Where tokens start to end stand in the text the person wrote.
    private static TextSpan SpanOf(Skeleton skeleton, List<Token> tokens, int start, int end) =>
        skeleton.Original(tokens[start].Start, tokens[end - 1].End);

    private readonly record struct Match(int Entry, int Start, int End);

    private List<Match> FindAll(List<Token> tokens, CompiledEntry[] entries, FirstIndex index, FirstIndex anchors, bool longest, bool[]? near = null)
    {
        var found = new List<Match>();
        var candidates = new List<int>();
        // An entry whose anchor word appears nowhere in the text cannot match anywhere in it.
        var anchored = new bool[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            anchored[i] = entries[i].Pattern.Anchor is null;
        }
        foreach (var token in tokens)
        {
            candidates.Clear();
            anchors.Fill(token, candidates);
            foreach (var candidate in candidates)
            {
                anchored[candidate] = true;
            }
        }
        // Where each entry's last match ended: an entry is not matched again inside its own match.
        var busyUntil = entries.Length <= 1024 ? stackalloc int[entries.Length] : new int[entries.Length];
        busyUntil.Clear();
        // The position at which each entry was last tried, so an entry reached twice is tried once.
        var triedAt = entries.Length <= 1024 ? stackalloc int[entries.Length] : new int[entries.Length];
        triedAt.Fill(-1);
        for (var position = 0; position < tokens.Count; position++)
        {
            var token = tokens[position];
            if (token.Kind is TokenKind.HardBreak or TokenKind.SoftBreak || (near is not null && !near[position]))
            {
                continue;
            }
            candidates.Clear();
            index.Fill(token, candidates);
            foreach (var candidate in candidates)
            {
                if (!anchored[candidate] || busyUntil[candidate] > position || triedAt[candidate] == position)
                {
                    continue;
                }
                triedAt[candidate] = position;
                var end = entries[candidate].Pattern.Match(tokens, position, _lexicon, longest);
                if (end > position)
                {
                    found.Add(new Match(candidate, position, end));
                    busyUntil[candidate] = end;
                }
            }
        }
        return found;
    }

    /// <summary>The entries worth trying at a token, from the tests their matches can start with.</summary>
    private sealed class FirstIndex
    {
        private readonly Dictionary<string, int[]> _byWord;
        private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _byStem;
        private readonly int _longestStem;
        private readonly int _shortestStem;
        private readonly int[] _byNumber;
        private readonly int[] _byPhone;
        private readonly int[] _byEmail;
        private readonly int[] _byHandle;
        private readonly int[] _anyWord;

        public FirstIndex(CompiledEntry[] entries, Func<CompiledEntry, IReadOnlyList<TokenTest>> tests)
        {
            var words = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            var stems = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            var number = new List<int>();
            var phone = new List<int>();
            var email = new List<int>();
            var handle = new List<int>();
            var anyWord = new List<int>();
            static void Add(Dictionary<string, List<int>> map, string key, int i)
            {
                if (!map.TryGetValue(key, out var list))
                {
                    map[key] = list = [];
                }
                list.Add(i);
            }
            for (var i = 0; i < entries.Length; i++)
            {
                foreach (var test in tests(entries[i]))
                {
                    foreach (var word in test.Words)
                    {
                        Add(words, word, i);
                        if (word.All(char.IsAsciiDigit))
                        {
                            number.Add(i);
                        }
                    }
                    foreach (var stem in test.Stems)
                    {
                        Add(stems, stem, i);
                    }
                    if ((test.Classes & TokenClass.Number) != 0)
                    {
                        number.Add(i);
                    }
                    if ((test.Classes & TokenClass.Phone) != 0)
                    {
                        phone.Add(i);
                    }
                    if ((test.Classes & TokenClass.Email) != 0)
                    {
                        email.Add(i);
                    }
                    if ((test.Classes & TokenClass.Handle) != 0)
                    {
                        handle.Add(i);
                    }
                    if ((test.Classes & (TokenClass.Name | TokenClass.Rare)) != 0 || test.IsAny)
                    {
                        anyWord.Add(i);
                    }
                }
            }
            _byWord = words.ToDictionary(p => p.Key, p => p.Value.Distinct().ToArray(), StringComparer.Ordinal);
            _byStem = stems.ToDictionary(p => p.Key, p => p.Value.Distinct().ToArray(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
            _longestStem = stems.Count == 0 ? 0 : stems.Keys.Max(s => s.Length);
            _shortestStem = stems.Count == 0 ? 0 : stems.Keys.Min(s => s.Length);
            _byNumber = [.. number.Distinct()];
            _byPhone = [.. phone.Distinct()];
            _byEmail = [.. email.Distinct()];
            _byHandle = [.. handle.Distinct()];
            _anyWord = [.. anyWord.Distinct()];
        }

        public void Fill(Token token, List<int> list)
        {
            switch (token.Kind)
            {
                case TokenKind.Number:
                    list.AddRange(_byNumber);
                    if (_byWord.TryGetValue(token.Text, out var numberWords))
                    {
                        list.AddRange(numberWords);
                    }
                    break;
                case TokenKind.Phone:
                    list.AddRange(_byPhone);
                    break;
                case TokenKind.Email:
                    list.AddRange(_byEmail);
                    break;
                case TokenKind.Handle:
                    list.AddRange(_byHandle);
                    break;
                case TokenKind.Word:
                    list.AddRange(_anyWord);
                    AddFor(token.Text, list);
                    if (token.Fuzzy is { } fuzzy)
                    {
                        foreach (var alternative in fuzzy)
                        {
                            AddFor(alternative, list);
                        }
                    }
                    break;
            }
        }

        private void AddFor(string text, List<int> list)
        {
            if (_byWord.TryGetValue(text, out var exact))
            {
                list.AddRange(exact);
            }
            var span = text.AsSpan();
            for (var length = _shortestStem; length <= Math.Min(_longestStem, span.Length) && length > 0; length++)
            {
                if (_byStem.TryGetValue(span[..length], out var byStem))
                {
                    list.AddRange(byStem);
                }
            }
        }
    }

    /// <summary>
    /// The establishments the site knows, caught by name: the full name (« MECS Les Tilleuls ») and
    /// the name without its kind (« les Tilleuls », « aux Tilleuls »).
    /// </summary>
    private sealed class PlaceSet
    {
        public const string EntryId = "établissements";

        public static readonly PlaceSet Empty = new([], null);

        // Words that say what kind of place it is, not which one.
        private static readonly FrozenSet<string> Kinds = new[]
        {
            "mecs", "foyer", "maison", "enfants", "enfance", "caractère", "social", "sociale", "lieu", "vie", "accueil",
            "centre", "collège", "lycée", "école", "internat", "institut", "résidence", "village", "pouponnière",
            "service", "de", "du", "d", "a", "l", "le", "la", "les", "des", "aux", "au",
        }.Select(w => FrenchText.Canonical(w)).ToFrozenSet(StringComparer.Ordinal);

        private static readonly FrozenSet<string> Articles = new[] { "le", "la", "les", "l", "aux", "au", "du", "des", "de" }.Select(w => FrenchText.Canonical(w)).ToFrozenSet(StringComparer.Ordinal);

        private readonly Dictionary<string, List<(string Name, string[] Words, bool NeedsArticle)>> _byFirst = new(StringComparer.Ordinal);

        public PlaceSet(IEnumerable<string> names, Lexicon? lexicon)
        {
            var kept = new List<string>();
            foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                kept.Add(name);
                if (lexicon is null)
                {
                    continue;
                }
                var words = FrenchText.Tokenise(name, lexicon).Where(t => t.Kind is TokenKind.Word or TokenKind.Number).Select(t => t.Text).ToArray();
                if (words.Length == 0)
                {
                    continue;
                }
                Add(name, words, needsArticle: false);
                // « MECS Les Tilleuls » is also « les Tilleuls », « aux Tilleuls »: what is left once its kind is set aside.
                var core = words.SkipWhile(Kinds.Contains).ToArray();
                if (core.Length > 0 && core.Length < words.Length)
                {
                    var distinctive = core.Length > 1 || (core[0].Length >= 4 && !lexicon.CommonWords.Contains(core[0]));
                    if (distinctive)
                    {
                        Add(name, core, needsArticle: core.Length == 1);
                    }
                }
            }
            Names = kept;
        }

        public IReadOnlyList<string> Names { get; }

        private void Add(string name, string[] words, bool needsArticle)
        {
            if (!_byFirst.TryGetValue(words[0], out var list))
            {
                _byFirst[words[0]] = list = [];
            }
            list.Add((name, words, needsArticle));
        }

        public List<(string Name, int Start, int End)> FindAll(List<Token> tokens)
        {
            var found = new List<(string, int, int)>();
            if (_byFirst.Count == 0)
            {
                return found;
            }
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Kind != TokenKind.Word || !_byFirst.TryGetValue(tokens[i].Text, out var candidates))
                {
                    continue;
                }
                foreach (var (name, words, needsArticle) in CollectionsMarshal.AsSpan(candidates))
                {
                    if (needsArticle && (i == 0 || !Articles.Contains(tokens[i - 1].Text)))
                    {
                        continue;
                    }
                    var k = 0;
                    while (k < words.Length && i + k < tokens.Count && tokens[i + k].Text == words[k])
                    {
                        k++;
                    }
                    if (k == words.Length)
                    {
                        found.Add((name, needsArticle ? i - 1 : i, i + k));
                        break;
                    }
                }
            }
            return found;
        }
    }
}
