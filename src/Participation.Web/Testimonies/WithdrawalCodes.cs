using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>
/// The code a person leaves with to take their testimony back, without an account. The phone makes
/// it (so a slip can be shown with no network), the site keeps only its hash.
/// </summary>
public static class WithdrawalCodes
{
    public const string Alphabet = PaperCodes.Alphabet;
    public const int Length = 10;

    public static string Generate() => PaperCodes.Generate(Length);

    public static string Format(string normalised) => $"{normalised[..5]}-{normalised[5..]}";

    /// <summary>Uppercase, without dashes or spaces; null when it cannot be a code.</summary>
    public static string? Normalise(string? typed) => PaperCodes.Normalise(typed, Length);

    public static string Hash(string normalised) => PaperCodes.Hash("retrait:" + normalised);
}
