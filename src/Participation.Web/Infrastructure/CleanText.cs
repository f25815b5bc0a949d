using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Participation.Web.Infrastructure;

/// <summary>
/// What a person typed, as the site keeps it: without the invisible characters that turn text
/// around or hide inside it, and composed (NFC), so that « é » is one character however the
/// phone wrote it.
/// </summary>
public static class CleanText
{
    /// <summary>
    /// Removes control and format characters: bidi overrides, isolates and marks, which make
    /// « txt.exe » read as « exe.txt » and a pseudonym look like another; zero-width spaces and
    /// word joiners, which make words that look alike differ to a search or a comparison. Keeps
    /// what writing needs: tab and line breaks, the joiners of emoji and of Persian and Arabic
    /// script, variation selectors (« ❤️ ») and emoji tags. A lone surrogate becomes « � », as
    /// undecodable bytes do.
    /// </summary>
    public static string Tidy(string text)
    {
        var kept = Replace(text, Keeps);
        return kept.IsNormalized(NormalizationForm.FormC) ? kept : kept.Normalize(NormalizationForm.FormC);
    }

    public static StringValues Tidy(StringValues values)
    {
        if (values.Count == 1)
        {
            return Tidy(values[0] ?? "");
        }
        var tidied = new string?[values.Count];
        for (var i = 0; i < tidied.Length; i++)
        {
            tidied[i] = values[i] is { } value ? Tidy(value) : null;
        }
        return new StringValues(tidied);
    }

    /// <summary>
    /// Only composed (NFC), nothing removed: for a password, where every character typed counts,
    /// but « é » must match whichever way a keyboard sends it.
    /// </summary>
    public static string Composed(string text)
    {
        var whole = Replace(text, keep: _ => true);
        return whole.IsNormalized(NormalizationForm.FormC) ? whole : whole.Normalize(NormalizationForm.FormC);
    }

    private static bool Keeps(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control => rune.Value is '\t' or '\n' or '\r',
        UnicodeCategory.Format => NeededFormat(rune.Value),
        _ => true,
    };

    private static bool NeededFormat(int value) => value is
        // Zero-width non-joiner and joiner: Persian and Arabic words, emoji families (« 👨‍👩‍👧 »).
        0x200C or 0x200D
        // Tags after a black flag: the flags of Scotland, Wales, England.
        or (>= 0xE0020 and <= 0xE007F)
        // Signs written before a number in Arabic, Syriac and Kaithi texts: visible, they turn nothing around.
        or (>= 0x0600 and <= 0x0605) or 0x06DD or 0x070F or 0x0890 or 0x0891 or 0x08E2 or 0x110BD or 0x110CD;

    /// <summary>The text with the runes <paramref name="keep"/> refuses left out; the same string when nothing changes.</summary>
    private static string Replace(string text, Func<Rune, bool> keep)
    {
        StringBuilder? kept = null;
        var rest = text.AsSpan();
        var position = 0;
        while (!rest.IsEmpty)
        {
            var decoded = Rune.DecodeFromUtf16(rest, out var rune, out var length) == OperationStatus.Done;
            var keeps = decoded && keep(rune);
            if (!keeps && kept is null)
            {
                kept = new StringBuilder(text.Length).Append(text, 0, position);
            }
            if (keeps)
            {
                kept?.Append(rest[..length]);
            }
            else if (!decoded)
            {
                kept!.Append(Rune.ReplacementChar.ToString());
            }
            rest = rest[length..];
            position += length;
        }
        return kept?.ToString() ?? text;
    }
}
