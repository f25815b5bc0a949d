using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Participation.Web.Safeguarding;

internal enum TokenKind : byte
{
    Word,
    Number,
    Phone,
    Email,
    Handle,
    SoftBreak,
    HardBreak,
}

/// <summary>
/// One word of the text in its canonical form, with where it came from. Fuzzy holds the list
/// words a misspelt word is one letter away from (« harselé » → « harcele »).
/// </summary>
internal readonly record struct Token(string Text, TokenKind Kind, int Start, int End, bool Capitalised, string[]? Fuzzy = null);

/// <summary>
/// Turns French free text into canonical words, the same way for the lists and for what people
/// write, so that one entry catches the many ways a word is typed: case, accents, repeated
/// letters (« mouriiiir »), spaced or dotted letters (« m o u r i r », « m.o.u.r.i.r »),
/// digits for letters (« mour1r »), and the SMS spellings of orthographes.txt.
/// </summary>
internal static partial class FrenchText
{
    private const int SilentEndingLength = 5;

    private static readonly string[] Folded = BuildFoldTable();

    /// <summary>Lowercase, without accents, ligatures spelt out; repeated letters once; no silent plural or feminine ending.</summary>
    public static string Canonical(ReadOnlySpan<char> word)
    {
        var letters = 0;
        var leet = 0;
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (IsLeet(c))
            {
                leet++;
            }
        }
        // Digits stand for letters only inside a word (« mour1r », « m0rt »), never in « 2h » or « 5e ».
        var readLeet = leet > 0 && letters >= 2;
        // Folding never more than doubles a character (« œ » → « oe »).
        var buffer = word.Length <= 128 ? stackalloc char[word.Length * 2 + 2] : new char[word.Length * 2 + 2];
        var length = 0;
        foreach (var c in word)
        {
            var piece = readLeet && IsLeet(c) ? Leet(c) : Fold(c);
            foreach (var p in piece)
            {
                // Doubled letters carry no meaning for matching: « frappe » and « frape », « mouriiir » and « mourir ».
                if (length > 0 && buffer[length - 1] == p && char.IsLetter(p))
                {
                    continue;
                }
                buffer[length++] = p;
            }
        }
        // Except a word of one letter repeated: « mm » (même) and « tt » (tout) are not « m » and « t ».
        if (length == 1 && word.Length > 1 && char.IsLetter(buffer[0]))
        {
            buffer[length++] = buffer[0];
        }
        // Silent endings are dropped from longer words, as repeated letters are: « claques » reads as
        // « claque », « battue » as « battu », « seule » as « seul ». Short words keep theirs (« mère », « mes »).
        if (length >= SilentEndingLength && buffer[length - 1] is 's' or 'x')
        {
            length--;
        }
        if (length >= SilentEndingLength && buffer[length - 1] == 'e')
        {
            length--;
        }
        return new string(buffer[..length]);
    }

    public static List<Token> Tokenise(string text, Lexicon lexicon)
    {
        var tokens = new List<Token>(text.Length / 5 + 4);
        var hasLowercase = false;
        foreach (var c in text)
        {
            if (char.IsLower(c))
            {
                hasLowercase = true;
                break;
            }
        }
        var specials = FindSpecials(text);
        var next = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (next < specials.Count && specials[next].Start == i)
            {
                var special = specials[next++];
                if (special.Kind == TokenKind.Word)
                {
                    AddWord(tokens, lexicon, text, special.Start, special.End, special.Letters!, capitalised: false);
                }
                else
                {
                    tokens.Add(new Token("", special.Kind, special.Start, special.End, false));
                }
                i = special.End;
                continue;
            }
            var limit = next < specials.Count ? specials[next].Start : text.Length;
            var c = text[i];
            if (IsWordChar(c))
            {
                var j = i + 1;
                // A star between letters hides one: « m*urir » stays one word.
                while (j < limit && (IsWordChar(text[j]) || (text[j] == '*' && IsMaskedLetter(text, j, limit))))
                {
                    j++;
                }
                AddRawWord(tokens, lexicon, text, i, j, hasLowercase);
                i = j;
                continue;
            }
            // « j'ai envie de… mourir » : an ellipsis is a pause in the sentence, not its end.
            if (c == '…' || (c == '.' && i + 1 < text.Length && text[i + 1] == '.'))
            {
                while (i < limit && text[i] is '.' or '…')
                {
                    i++;
                }
                continue;
            }
            if (IsHardBreak(c))
            {
                AddBreak(tokens, TokenKind.HardBreak, i);
            }
            else if (IsSoftBreak(c))
            {
                AddBreak(tokens, TokenKind.SoftBreak, i);
            }
            i++;
        }
        return tokens;
    }

    private static void AddRawWord(List<Token> tokens, Lexicon lexicon, string text, int start, int end, bool hasLowercase)
    {
        var raw = text.AsSpan(start, end - start);
        var letters = 0;
        var digits = 0;
        foreach (var c in raw)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }
        if (letters == 0)
        {
            if (digits == raw.Length)
            {
                tokens.Add(new Token(raw.ToString(), TokenKind.Number, start, end, false));
            }
            return;
        }
        var capitalised = hasLowercase && char.IsUpper(raw[0]);
        AddWord(tokens, lexicon, text, start, end, Canonical(raw), capitalised);
    }

    private static void AddWord(List<Token> tokens, Lexicon lexicon, string text, int start, int end, string canonical, bool capitalised)
    {
        if (canonical.Length == 0)
        {
            return;
        }
        if (lexicon.Spellings.TryGetValue(canonical, out var replacement))
        {
            for (var k = 0; k < replacement.Length; k++)
            {
                tokens.Add(new Token(replacement[k], TokenKind.Word, start, end, capitalised && k == 0, lexicon.Fuzzy(replacement[k])));
            }
            return;
        }
        // « jmérite », « jpense » : « je » glued to a word the lists know, as in SMS.
        if (canonical.Length >= 4 && canonical[0] == 'j' && !lexicon.Knows(canonical) && lexicon.Knows(canonical[1..]))
        {
            tokens.Add(new Token("je", TokenKind.Word, start, end, capitalised));
            AddWord(tokens, lexicon, text, start, end, canonical[1..], capitalised: false);
            return;
        }
        // « m*urir », « s**cide » : letters hidden by stars, as on social networks.
        if (canonical.Contains('*'))
        {
            if (lexicon.Unmask(canonical) is { } unmasked)
            {
                tokens.Add(new Token(canonical, TokenKind.Word, start, end, capitalised, unmasked));
            }
            return;
        }
        // « jeveuxmourir » : words typed without spaces, read as the known words they spell.
        if (!lexicon.Knows(canonical) && lexicon.Split(canonical) is { } pieces && lexicon.Fuzzy(canonical) is null)
        {
            for (var k = 0; k < pieces.Length; k++)
            {
                AddWord(tokens, lexicon, text, start, end, pieces[k], capitalised && k == 0);
            }
            return;
        }
        tokens.Add(new Token(canonical, TokenKind.Word, start, end, capitalised, lexicon.Fuzzy(canonical)));
    }

    private static void AddBreak(List<Token> tokens, TokenKind kind, int at)
    {
        if (tokens.Count > 0 && tokens[^1].Kind is TokenKind.SoftBreak or TokenKind.HardBreak)
        {
            if (kind == TokenKind.HardBreak && tokens[^1].Kind == TokenKind.SoftBreak)
            {
                tokens[^1] = tokens[^1] with { Kind = TokenKind.HardBreak, End = at + 1 };
            }
            return;
        }
        tokens.Add(new Token("", kind, at, at + 1, false));
    }

    private readonly record struct Special(int Start, int End, TokenKind Kind, string? Letters = null);

    /// <summary>
    /// Pieces read before words: e-mail addresses, phone numbers and @handles (each one token), and
    /// words typed letter by letter, which are joined back.
    /// </summary>
    private static List<Special> FindSpecials(string text)
    {
        var found = new List<Special>();
        if (text.Contains('@'))
        {
            foreach (Match m in EmailPattern().Matches(text))
            {
                found.Add(new Special(m.Index, m.Index + m.Length, TokenKind.Email));
            }
        }
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) && ++digits >= 8)
            {
                break;
            }
        }
        if (digits >= 8)
        {
            foreach (Match m in PhonePattern().Matches(text))
            {
                AddIfFree(found, new Special(m.Index, m.Index + m.Length, TokenKind.Phone));
            }
        }
        if (text.Contains('@'))
        {
            foreach (Match m in HandlePattern().Matches(text))
            {
                AddIfFree(found, new Special(m.Index, m.Index + m.Length, TokenKind.Handle));
            }
        }
        foreach (Match m in SpacedLettersPattern().Matches(text))
        {
            var letters = new StringBuilder();
            var onlySpaces = true;
            var anyLetter = false;
            for (var k = 0; k < m.Length; k++)
            {
                var c = text[m.Index + k];
                if (k % 2 == 0)
                {
                    letters.Append(c);
                    anyLetter |= char.IsLetter(c);
                }
                else if (c != ' ')
                {
                    onlySpaces = false;
                }
            }
            // « il y a à » is three one-letter words; a word spelt with spaces has at least four letters.
            if (!anyLetter || (onlySpaces && letters.Length < 4))
            {
                continue;
            }
            AddIfFree(found, new Special(m.Index, m.Index + m.Length, TokenKind.Word, Canonical(letters.ToString())));
        }
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    private static void AddIfFree(List<Special> found, Special candidate)
    {
        foreach (var s in found)
        {
            if (s.Start < candidate.End && candidate.Start < s.End)
            {
                return;
            }
        }
        found.Add(candidate);
    }

    // « _ » belongs to handles (« lea_2010 »); words typed letter by letter with it are joined before.
    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || c is '@' or '$' or '_' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private static bool IsMaskedLetter(string text, int at, int limit)
    {
        var next = at + 1;
        while (next < limit && text[next] == '*')
        {
            next++;
        }
        return next < limit && char.IsLetter(text[next]);
    }

    private static bool IsHardBreak(char c) => c is '.' or '!' or '?' or ';' or '…' or '\n' or '\r';

    // « : » and « = » introduce what follows (« mon snap : lea ») rather than separate it.
    private static bool IsSoftBreak(char c) => c is ',' or '(' or ')' or '[' or ']' or '"' or '«' or '»' or '“' or '”' or '–' or '—';

    private static bool IsLeet(char c) => c is '0' or '1' or '3' or '4' or '5' or '7' or '@' or '$';

    private static string Leet(char c) => c switch
    {
        '0' => "o",
        '1' => "i",
        '3' => "e",
        '4' => "a",
        '5' or '$' => "s",
        '7' => "t",
        '@' => "a",
        _ => c.ToString(),
    };

    private static string Fold(char c)
    {
        if (c < Folded.Length)
        {
            return Folded[c];
        }
        if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
        {
            return "";
        }
        return char.ToLowerInvariant(c).ToString();
    }

    private static string[] BuildFoldTable()
    {
        var table = new string[0x250];
        for (var c = 0; c < table.Length; c++)
        {
            var ch = (char)c;
            var decomposed = char.ToLowerInvariant(ch).ToString().Normalize(NormalizationForm.FormD);
            var kept = new StringBuilder();
            foreach (var d in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                {
                    kept.Append(d);
                }
            }
            table[c] = kept.ToString();
        }
        table['œ'] = "oe";
        table['Œ'] = "oe";
        table['æ'] = "ae";
        table['Æ'] = "ae";
        table['ß'] = "ss";
        table['ø'] = "o";
        table['ı'] = "i";
        table['Ø'] = "o";
        return table;
    }

    [GeneratedRegex(@"[\p{L}0-9._%+\-]+@[\p{L}0-9\-]+(?:\.[\p{L}0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // A French number (06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56 78) or an
    // international one of at least 8 digits after its +.
    [GeneratedRegex(@"(?<![0-9])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?[1-9](?:[\s.\-/]?[0-9]){8}|0[1-9](?:[\s.\-/]?[0-9]){8}|\+[1-9][0-9]{0,2}(?:[\s.\-]?[0-9]){8,12})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"(?<![\p{L}0-9@._])@[\p{L}0-9_][\p{L}0-9_.]{2,29}", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();

    // Letters (or digits standing for letters) one by one, each followed by one separator.
    [GeneratedRegex(@"(?<![\p{L}\p{N}'’@])[\p{L}0-9@](?:[ .\-_*·|/+~][\p{L}0-9@]){2,}(?![\p{L}\p{N}@])", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedLettersPattern();
}
