using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Participation.Web.Safeguarding;

/// <summary>
/// A text as it looks rather than as it is coded, read before the words: invisible characters
/// (zero-width spaces, joiners) are dropped, styled letters (full-width, mathematical bold, small
/// capitals) become plain ones, and Cyrillic or Greek letters that look Latin become Latin. Each
/// character keeps where it came from in the original, so that findings still point at what the
/// person wrote.
/// </summary>
internal sealed class Skeleton
{
    private readonly int[]? _starts;
    private readonly int[]? _ends;

    private Skeleton(string text, int[]? starts, int[]? ends)
    {
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    public string Text { get; }

    /// <summary>Where the characters from <paramref name="start"/> to <paramref name="end"/> of the skeleton stand in the original.</summary>
    public TextSpan Original(int start, int end)
    {
        if (_starts is null)
        {
            return new TextSpan(start, end - start);
        }
        var from = _starts[start];
        return new TextSpan(from, _ends![end - 1] - from);
    }

    public static Skeleton Of(string text)
    {
        if (IsPlain(text))
        {
            return new Skeleton(text, null, null);
        }
        var built = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        var at = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.Utf16SequenceLength;
            foreach (var c in Look(rune))
            {
                built.Append(c);
                starts.Add(at);
                ends.Add(at + length);
            }
            at += length;
        }
        return new Skeleton(built.ToString(), [.. starts], [.. ends]);
    }

    // Most texts are plain Latin: nothing to do, and nothing allocated.
    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x2000 || (c >= 0x250 && c < 0x1D00) || c is '\u00AD' or '\u034F')
            {
                return false;
            }
        }
        return true;
    }

    private static string Look(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        // Invisible marks, and the blank letters (Hangul fillers, the empty Braille cell) that look like nothing.
        if (category == UnicodeCategory.Format || rune.Value is 0x034F or 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 || (rune.Value >= 0xFE00 && rune.Value <= 0xFE0F))
        {
            return "";
        }
        var text = rune.ToString();
        if (rune.Value >= 0x250)
        {
            // Compatibility forms: « ｍｏｕｒｉｒ », « 𝗺𝗼𝘂𝗿𝗶𝗿 », « ６ » read as the plain letters and digits.
            text = text.Normalize(NormalizationForm.FormKC);
        }
        if (text.Length == 1 && LookAlikes.TryGetValue(text[0], out var latin))
        {
            return latin.ToString();
        }
        return text;
    }

    // Letters of other scripts drawn like a Latin one, and the small capitals.
    private static readonly FrozenDictionary<char, char> LookAlikes = new Dictionary<char, char>
    {
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['ё'] = 'e', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c',
        ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['ԁ'] = 'd', ['һ'] = 'h', ['ӏ'] = 'l', ['ԝ'] = 'w',
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H', ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T',
        ['У'] = 'Y', ['Х'] = 'X', ['І'] = 'I', ['Ј'] = 'J', ['Ѕ'] = 'S',
        ['α'] = 'a', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x',
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N', ['Ο'] = 'O',
        ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X',
        ['ᴀ'] = 'a', ['ʙ'] = 'b', ['ᴄ'] = 'c', ['ᴅ'] = 'd', ['ᴇ'] = 'e', ['ꜰ'] = 'f', ['ɢ'] = 'g', ['ʜ'] = 'h', ['ɪ'] = 'i', ['ᴊ'] = 'j',
        ['ᴋ'] = 'k', ['ʟ'] = 'l', ['ᴍ'] = 'm', ['ɴ'] = 'n', ['ᴏ'] = 'o', ['ᴘ'] = 'p', ['ʀ'] = 'r', ['ꜱ'] = 's', ['ᴛ'] = 't', ['ᴜ'] = 'u',
        ['ᴠ'] = 'v', ['ᴡ'] = 'w', ['ʏ'] = 'y', ['ᴢ'] = 'z',
    }.ToFrozenDictionary();
}
