using Participation.Web.Shared;

namespace Participation.Web.Accounts;

/// <summary>
/// One-time codes a facilitator hands to a young member, on paper, to set their password.
/// Only a hash is stored, so a code is shown once, when it is made.
/// </summary>
public static class ActivationCodes
{
    public const int Length = 8;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static string Generate() => PaperCodes.Generate(Length);

    /// <summary>Uppercase, without the dash or spaces people type; null when it cannot be a code.</summary>
    public static string? Normalise(string? typed) => PaperCodes.Normalise(typed, Length);

    public static string Hash(string normalised) => PaperCodes.Hash(normalised);
}
