using System.Buffers;
using System.Collections.Frozen;

namespace Participation.Web.Safeguarding;

/// <summary>The token classes an expression can name between braces: {nombre}, {nom}, {telephone}...</summary>
[Flags]
internal enum TokenClass
{
    None = 0,
    Number = 1,
    Name = 2,
    Phone = 4,
    Email = 8,
    Handle = 16,
    Rare = 32,
}

internal abstract record PatternNode;

internal sealed record WordNode(string Word) : PatternNode;

internal sealed record StemNode(string Stem) : PatternNode;

internal sealed record ClassNode(TokenClass Class) : PatternNode;

internal sealed record GapNode(int Max) : PatternNode;

internal sealed record SequenceNode(IReadOnlyList<PatternNode> Items) : PatternNode;

internal sealed record ChoiceNode(IReadOnlyList<PatternNode> Options) : PatternNode;

internal sealed record OptionalNode(PatternNode Body) : PatternNode;

internal sealed record GroupNode(string Name) : PatternNode;

/// <summary>A problem in an expression, in words a reviewer of the lists understands.</summary>
internal sealed class PatternException(string message) : Exception(message);

/// <summary>
/// Reads the small expression language of content/safeguarding (see LISEZ-MOI.md there):
/// words, « frapp* » for every ending, « a|b » for one word or another, « [..] » for what may be
/// missing, « (..|..) » for one sequence or another, « ... » for up to three words in between (« ... ... » for six),
/// « @groupe » for a group of groupes.txt and « {nombre} », « {nom} »... for kinds of words.
/// </summary>
internal sealed class PatternParser(IReadOnlyDictionary<string, string[]> spellings)
{
    public const int GapWords = 3;
    public const int MinimumStem = 3;

    public static readonly FrozenDictionary<string, TokenClass> Classes = new Dictionary<string, TokenClass>
    {
        ["nombre"] = TokenClass.Number,
        ["nom"] = TokenClass.Name,
        ["telephone"] = TokenClass.Phone,
        ["téléphone"] = TokenClass.Phone,
        ["email"] = TokenClass.Email,
        ["e-mail"] = TokenClass.Email,
        ["pseudo"] = TokenClass.Handle,
        ["mot-rare"] = TokenClass.Rare,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private string _text = "";
    private int _at;

    public PatternNode Parse(string expression)
    {
        _text = expression;
        _at = 0;
        var node = ParseChoice(closing: null);
        if (_at < _text.Length)
        {
            throw new PatternException($"« {_text[_at]} » en trop.");
        }
        Check(node);
        return node;
    }

    private PatternNode ParseChoice(char? closing)
    {
        var options = new List<PatternNode> { ParseSequence(closing) };
        while (closing is not null && _at < _text.Length && _text[_at] == '|')
        {
            _at++;
            options.Add(ParseSequence(closing));
        }
        return options.Count == 1 ? options[0] : new ChoiceNode(options);
    }

    private PatternNode ParseSequence(char? closing)
    {
        var items = new List<PatternNode>();
        while (true)
        {
            SkipSpaces();
            if (_at >= _text.Length)
            {
                if (closing is not null)
                {
                    throw new PatternException($"il manque « {closing} » pour fermer.");
                }
                break;
            }
            var c = _text[_at];
            if (c == closing || (closing is not null && c == '|'))
            {
                break;
            }
            items.Add(ParseItem(joinWords: closing is null));
        }
        if (items.Count == 0)
        {
            throw new PatternException(closing is null ? "l'expression est vide." : "une alternative est vide.");
        }
        return items.Count == 1 ? items[0] : new SequenceNode(items);
    }

    private PatternNode ParseItem(bool joinWords)
    {
        var c = _text[_at];
        if (c == '[')
        {
            _at++;
            var body = ParseChoice(']');
            _at++;
            return new OptionalNode(body);
        }
        if (_text.AsSpan(_at).StartsWith("..."))
        {
            _at += 3;
            return new GapNode(GapWords);
        }
        // Outside brackets « | » joins the words or groups it touches: « frappe|tape », « père|(beau père) »;
        // inside, it separates whole sequences: « (beau père|mec de ma mère) ».
        var options = new List<PatternNode> { ParseAtom() };
        while (joinWords && _at < _text.Length && _text[_at] == '|')
        {
            _at++;
            options.Add(ParseAtom());
        }
        return options.Count == 1 ? options[0] : new ChoiceNode(options);
    }

    private PatternNode ParseAtom()
    {
        if (_at < _text.Length && _text[_at] == '(')
        {
            _at++;
            var body = ParseChoice(')');
            _at++;
            return body;
        }
        if (_at < _text.Length && _text[_at] is ')' or ']')
        {
            throw new PatternException($"« {_text[_at]} » ferme ce qui n'a pas été ouvert.");
        }
        return ParseBare();
    }

    private PatternNode ParseBare()
    {
        var start = _at;
        while (_at < _text.Length && !char.IsWhiteSpace(_text[_at]) && _text[_at] is not ('|' or '(' or ')' or '[' or ']'))
        {
            _at++;
        }
        var bare = _text[start.._at];
        if (bare.Length == 0)
        {
            throw new PatternException(_at < _text.Length ? $"un mot manque avant « {_text[_at]} »." : "un mot manque après « | ».");
        }
        if (bare[0] == '@')
        {
            var name = bare[1..];
            if (name.Length == 0 || !name.All(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_'))
            {
                throw new PatternException($"« {bare} » n'est pas un nom de groupe (lettres, chiffres, tirets).");
            }
            return new GroupNode(name.ToLowerInvariant());
        }
        if (bare[0] == '{')
        {
            if (bare[^1] != '}' || !Classes.TryGetValue(bare[1..^1].ToLowerInvariant(), out var tokenClass))
            {
                throw new PatternException($"« {bare} » n'est pas connu : {string.Join(", ", Classes.Keys.Where(k => k.All(char.IsAscii)).Select(k => "{" + k + "}"))}.");
            }
            return new ClassNode(tokenClass);
        }
        if (bare.Contains("..."))
        {
            throw new PatternException($"« ... » doit être séparé des mots par des espaces (« {bare} »).");
        }
        if (bare.EndsWith('*'))
        {
            var stem = bare[..^1];
            if (stem.Any(ch => !char.IsLetter(ch)))
            {
                throw new PatternException($"« {bare} » : l'étoile se met à la fin d'un seul mot, sans apostrophe ni tiret.");
            }
            var canonical = FrenchText.Canonical(stem);
            if (canonical.Length < MinimumStem)
            {
                throw new PatternException($"« {bare} » : avant l'étoile, il faut au moins {MinimumStem} lettres.");
            }
            return new StemNode(canonical);
        }
        foreach (var ch in bare)
        {
            if (!char.IsLetterOrDigit(ch) && ch is not ('\'' or '’' or '-'))
            {
                throw new PatternException($"« {bare} » contient « {ch} », qui n'a pas de sens ici.");
            }
        }
        // « m'a », « beau-père » are two words, as in the texts scanned; each takes its SMS meaning.
        var words = new List<PatternNode>();
        foreach (var piece in bare.Split(['\'', '’', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            var canonical = FrenchText.Canonical(piece);
            if (spellings.TryGetValue(canonical, out var replacement))
            {
                words.AddRange(replacement.Select(w => new WordNode(w)));
            }
            else
            {
                words.Add(new WordNode(canonical));
            }
        }
        if (words.Count == 0)
        {
            throw new PatternException($"« {bare} » ne contient pas de mot.");
        }
        return words.Count == 1 ? words[0] : new SequenceNode(words);
    }

    private void SkipSpaces()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private static void Check(PatternNode node)
    {
        var items = node is SequenceNode s ? s.Items : [node];
        if (items[0] is GapNode || items[^1] is GapNode)
        {
            throw new PatternException("« ... » se met entre deux mots, ni au début ni à la fin.");
        }
    }
}

/// <summary>A test on one token: one of some words, or of some stems, or of some kinds.</summary>
internal sealed class TokenTest
{
    public static readonly TokenTest Any = new([], [], TokenClass.None, any: true);

    private readonly FrozenSet<string> _words;
    private readonly FrozenSet<string> _stems;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _stemLookup;
    private readonly int _shortestStem;
    private readonly int _longestStem;
    private readonly bool _any;

    public TokenTest(IEnumerable<string> words, IEnumerable<string> stems, TokenClass classes, bool any = false)
    {
        _words = words.ToFrozenSet(StringComparer.Ordinal);
        _stems = stems.ToFrozenSet(StringComparer.Ordinal);
        _stemLookup = _stems.GetAlternateLookup<ReadOnlySpan<char>>();
        _shortestStem = _stems.Count == 0 ? int.MaxValue : _stems.Min(x => x.Length);
        _longestStem = _stems.Count == 0 ? 0 : _stems.Max(x => x.Length);
        Classes = classes;
        _any = any;
    }

    public IReadOnlyCollection<string> Words => _words;
    public IReadOnlyCollection<string> Stems => _stems;
    public TokenClass Classes { get; }
    public bool IsAny => _any;

    public bool Matches(in Token token, Lexicon lexicon)
    {
        if (token.Kind == TokenKind.HardBreak)
        {
            return false;
        }
        if (_any)
        {
            return true;
        }
        switch (token.Kind)
        {
            case TokenKind.Word:
                if (MatchesText(token.Text))
                {
                    return true;
                }
                if (token.Fuzzy is { } fuzzy)
                {
                    foreach (var alternative in fuzzy)
                    {
                        if (MatchesText(alternative))
                        {
                            return true;
                        }
                    }
                }
                return ((Classes & TokenClass.Name) != 0 && IsName(token))
                    || ((Classes & TokenClass.Rare) != 0 && IsRare(token, lexicon));
            case TokenKind.Number:
                return (Classes & TokenClass.Number) != 0 || _words.Contains(token.Text);
            case TokenKind.Phone:
                return (Classes & TokenClass.Phone) != 0;
            case TokenKind.Email:
                return (Classes & TokenClass.Email) != 0;
            case TokenKind.Handle:
                return (Classes & TokenClass.Handle) != 0;
            default:
                return false;
        }
    }

    private bool MatchesText(string text)
    {
        if (_words.Contains(text))
        {
            return true;
        }
        var span = text.AsSpan();
        for (var length = _shortestStem; length <= _longestStem && length <= span.Length; length++)
        {
            if (_stemLookup.Contains(span[..length]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>{nom}: a word written with a capital, in a text that is not all capitals.</summary>
    private static bool IsName(in Token token) =>
        token.Capitalised && token.Text.Length >= 2 && char.IsLetter(token.Text[0]);

    /// <summary>{mot-rare}: a word that is not in mots-courants.txt, so perhaps a name typed without its capital.</summary>
    private static bool IsRare(in Token token, Lexicon lexicon) =>
        token.Text.Length >= 2 && char.IsLetter(token.Text[0]) && !lexicon.CommonWords.Contains(token.Text);
}

internal enum Op : byte
{
    Test,
    Split,
    Jump,
}

internal readonly record struct Instruction(Op Op, TokenTest? Test, int X, int Y);

/// <summary>
/// An expression compiled to a tiny matching machine over tokens. Every jump goes forward, so a
/// match always ends, in at most as many steps as the expression is long times its branches.
/// </summary>
internal sealed class CompiledPattern
{
    private readonly Instruction[] _code;

    private CompiledPattern(Instruction[] code, IReadOnlyList<TokenTest> first, TokenTest? anchor)
    {
        _code = code;
        First = first;
        Anchor = anchor;
    }

    /// <summary>The tests a match can start with: the detector only tries the pattern where one of them holds.</summary>
    public IReadOnlyList<TokenTest> First { get; }

    /// <summary>
    /// A test every match passes through, the narrowest one that is not the first: a text with no word
    /// passing it cannot match, so the pattern is not even tried (most texts say nothing of « frapper »).
    /// </summary>
    public TokenTest? Anchor { get; }

    public static CompiledPattern Compile(PatternNode node, Func<string, PatternNode> group)
    {
        var code = new List<Instruction>();
        Emit(node, code, group, depth: 0);
        var first = new List<TokenTest>();
        var seen = new HashSet<int>();
        void Walk(int pc)
        {
            if (!seen.Add(pc))
            {
                return;
            }
            if (pc == code.Count)
            {
                throw new PatternException("l'expression peut ne rien contenir du tout : au moins un mot doit être obligatoire.");
            }
            var instruction = code[pc];
            switch (instruction.Op)
            {
                case Op.Test:
                    first.Add(instruction.Test!);
                    break;
                case Op.Jump:
                    Walk(instruction.X);
                    break;
                case Op.Split:
                    Walk(instruction.X);
                    Walk(instruction.Y);
                    break;
            }
        }
        Walk(0);
        return new CompiledPattern(code.ToArray(), first, FindAnchor(code, first));
    }

    private static TokenTest? FindAnchor(List<Instruction> code, List<TokenTest> first)
    {
        TokenTest? best = null;
        for (var pc = 0; pc < code.Count; pc++)
        {
            var test = code[pc].Test;
            if (code[pc].Op != Op.Test || test is null || test.IsAny || test.Classes != TokenClass.None || first.Contains(test))
            {
                continue;
            }
            if (best is not null && test.Words.Count + test.Stems.Count >= best.Words.Count + best.Stems.Count)
            {
                continue;
            }
            if (!CanFinishAvoiding(code, pc))
            {
                best = test;
            }
        }
        return best;
    }

    /// <summary>Whether a match can go from the start to the end without passing the instruction at <paramref name="avoid"/>.</summary>
    private static bool CanFinishAvoiding(List<Instruction> code, int avoid)
    {
        var seen = new bool[code.Count + 1];
        var stack = new Stack<int>();
        stack.Push(0);
        while (stack.Count > 0)
        {
            var pc = stack.Pop();
            if (pc == code.Count)
            {
                return true;
            }
            if (pc == avoid || seen[pc])
            {
                continue;
            }
            seen[pc] = true;
            var instruction = code[pc];
            switch (instruction.Op)
            {
                case Op.Test:
                    stack.Push(pc + 1);
                    break;
                case Op.Jump:
                    stack.Push(instruction.X);
                    break;
                case Op.Split:
                    stack.Push(instruction.X);
                    stack.Push(instruction.Y);
                    break;
            }
        }
        return false;
    }

    private static void Emit(PatternNode node, List<Instruction> code, Func<string, PatternNode> group, int depth)
    {
        if (depth > 20)
        {
            throw new PatternException("des groupes se citent l'un l'autre en boucle.");
        }
        switch (node)
        {
            case WordNode or StemNode or ClassNode:
                code.Add(new Instruction(Op.Test, SingleTest([node]), 0, 0));
                break;
            case GroupNode g:
                Emit(group(g.Name), code, group, depth + 1);
                break;
            case SequenceNode s:
                foreach (var item in s.Items)
                {
                    Emit(item, code, group, depth);
                }
                break;
            case ChoiceNode c:
                // One test for every option that is a single word, stem or kind, however deeply the groups
                // nest them (« @agent » holds a hundred words); a branch only for options of several words.
                var singles = new List<PatternNode>();
                var sequences = new List<PatternNode>();
                Flatten(c, group, depth, singles, sequences);
                var branches = new List<Action>();
                if (singles.Count > 0)
                {
                    branches.Add(() => code.Add(new Instruction(Op.Test, SingleTest(singles), 0, 0)));
                }
                foreach (var sequence in sequences)
                {
                    branches.Add(() => Emit(sequence, code, group, depth + 1));
                }
                var jumps = new List<int>();
                for (var i = 0; i < branches.Count; i++)
                {
                    if (i < branches.Count - 1)
                    {
                        var split = code.Count;
                        code.Add(default);
                        branches[i]();
                        jumps.Add(code.Count);
                        code.Add(default);
                        code[split] = new Instruction(Op.Split, null, split + 1, code.Count);
                    }
                    else
                    {
                        branches[i]();
                    }
                }
                foreach (var jump in jumps)
                {
                    code[jump] = new Instruction(Op.Jump, null, code.Count, 0);
                }
                break;
            case OptionalNode o:
                var skip = code.Count;
                code.Add(default);
                Emit(o.Body, code, group, depth);
                code[skip] = new Instruction(Op.Split, null, skip + 1, code.Count);
                break;
            case GapNode gap:
                // Lazy: fewer words in between are tried first.
                var splits = new List<int>();
                for (var i = 0; i < gap.Max; i++)
                {
                    splits.Add(code.Count);
                    code.Add(default);
                    code.Add(new Instruction(Op.Test, TokenTest.Any, 0, 0));
                }
                foreach (var split in splits)
                {
                    code[split] = new Instruction(Op.Split, null, code.Count, split + 1);
                }
                break;
            default:
                throw new PatternException("expression inattendue.");
        }
    }

    private static void Flatten(ChoiceNode choice, Func<string, PatternNode> group, int depth, List<PatternNode> singles, List<PatternNode> sequences)
    {
        if (depth > 20)
        {
            throw new PatternException("des groupes se citent l'un l'autre en boucle.");
        }
        foreach (var option in choice.Options)
        {
            var resolved = option;
            var d = depth;
            while (resolved is GroupNode g)
            {
                if (++d > 20)
                {
                    throw new PatternException("des groupes se citent l'un l'autre en boucle.");
                }
                resolved = group(g.Name);
            }
            switch (resolved)
            {
                case WordNode or StemNode or ClassNode:
                    singles.Add(resolved);
                    break;
                case ChoiceNode inner:
                    Flatten(inner, group, d + 1, singles, sequences);
                    break;
                default:
                    sequences.Add(resolved);
                    break;
            }
        }
    }

    private static TokenTest SingleTest(IEnumerable<PatternNode> nodes)
    {
        var list = nodes.ToList();
        return new TokenTest(
            list.OfType<WordNode>().Select(w => w.Word),
            list.OfType<StemNode>().Select(s => s.Stem),
            list.OfType<ClassNode>().Aggregate(TokenClass.None, (all, c) => all | c.Class));
    }

    /// <summary>Where a match starting at <paramref name="start"/> ends (exclusive), or -1.</summary>
    public int Match(List<Token> tokens, int start, Lexicon lexicon, bool longest)
    {
        // Every jump goes forward, so no path holds more pending branches than there are instructions.
        var size = _code.Length + 1;
        (int, int)[]? rented = null;
        var stack = size <= 256 ? stackalloc (int Pc, int Pos)[size] : (rented = ArrayPool<(int, int)>.Shared.Rent(size));
        try
        {
            return Run(tokens, start, lexicon, longest, stack);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<(int, int)>.Shared.Return(rented);
            }
        }
    }

    private int Run(List<Token> tokens, int start, Lexicon lexicon, bool longest, Span<(int Pc, int Pos)> stack)
    {
        var top = 0;
        var best = -1;
        var pc = 0;
        var pos = start;
        while (true)
        {
            if (pc == _code.Length)
            {
                if (!longest)
                {
                    return pos;
                }
                best = Math.Max(best, pos);
            }
            else
            {
                var instruction = _code[pc];
                switch (instruction.Op)
                {
                    case Op.Test:
                        if (pos < tokens.Count && instruction.Test!.Matches(tokens[pos], lexicon))
                        {
                            pc++;
                            pos++;
                            continue;
                        }
                        break;
                    case Op.Jump:
                        pc = instruction.X;
                        continue;
                    case Op.Split:
                        stack[top++] = (instruction.Y, pos);
                        pc = instruction.X;
                        continue;
                }
            }
            if (top == 0)
            {
                return best;
            }
            (pc, pos) = stack[--top];
        }
    }
}
