using System.Security.Cryptography;
using System.Text;

namespace Participation.Web.Accounts;

/// <summary>
/// One-time codes a facilitator hands to a young member, on paper, to set their password.
/// Only a hash is stored, so a code is shown once, when it is made.
/// </summary>
public static class ActivationCodes
{
    // No 0/O, 1/I/L: the code is read off paper, often by a child.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 8;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static string Generate()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, Length);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}";
    }

    /// <summary>Uppercase, without the dash or spaces people type; null when it cannot be a code.</summary>
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
            if (!Alphabet.Contains(c))
            {
                return null;
            }
            kept.Append(c);
        }
        return kept.Length == Length ? kept.ToString() : null;
    }

    public static string Hash(string normalised) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
}
