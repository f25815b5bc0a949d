using System.Security.Cryptography;
using System.Text;

namespace Participation.Web.Testimonies;

/// <summary>
/// The code a person leaves with to take their testimony back, without an account. The phone makes
/// it (so a slip can be shown with no network), the site keeps only its hash.
/// </summary>
public static class WithdrawalCodes
{
    // No 0/O, 1/I/L: the code is read off a slip of paper or a photo of it.
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 10;

    public static string Generate()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, Length);
        return Format(new string(chars));
    }

    public static string Format(string normalised) => $"{normalised[..5]}-{normalised[5..]}";

    /// <summary>Uppercase, without dashes or spaces; null when it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        var kept = new StringBuilder(Length);
        foreach (var c in typed.Trim().ToUpperInvariant())
        {
            if (c is '-' or ' ' or '\u00A0')
            {
                continue;
            }
            if (!Alphabet.Contains(c) || kept.Length == Length)
            {
                return null;
            }
            kept.Append(c);
        }
        return kept.Length == Length ? kept.ToString() : null;
    }

    public static string Hash(string normalised) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("retrait:" + normalised)));
}
