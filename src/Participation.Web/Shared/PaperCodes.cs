using System.Security.Cryptography;
using System.Text;

namespace Participation.Web.Shared;

/// <summary>
/// Codes read off paper or a photo of it, often by a child: activation codes, withdrawal codes.
/// No 0/O, no 1/I/L; typed in any case, with or without dashes and spaces.
/// </summary>
public static class PaperCodes
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>Random letters of the alphabet, split in two groups by a dash.</summary>
    public static string Generate(int length)
    {
        var chars = new string(RandomNumberGenerator.GetItems<char>(Alphabet, length));
        var half = length / 2;
        return $"{chars[..half]}-{chars[half..]}";
    }

    /// <summary>Uppercase, without the dashes or spaces people type; null when it cannot be a code of this length.</summary>
    public static string? Normalise(string? typed, int length)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        var kept = new StringBuilder(length);
        foreach (var c in typed.Trim().ToUpperInvariant())
        {
            if (c is '-' or ' ' or '\u00A0')
            {
                continue;
            }
            if (!Alphabet.Contains(c) || kept.Length == length)
            {
                return null;
            }
            kept.Append(c);
        }
        return kept.Length == length ? kept.ToString() : null;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
