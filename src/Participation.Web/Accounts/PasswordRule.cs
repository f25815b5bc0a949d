using System.Text;
using Microsoft.AspNetCore.Identity;
using Zxcvbn.Matcher;

namespace Participation.Web.Accounts;

/// <summary>
/// The one rule for a password, wherever one is chosen (activation, profile, first administrator):
/// Identity's length rules, plus no common password, not the page's own example, nothing the
/// pseudonym or login gives away. Registered with Identity, so every way of setting a password
/// goes through it.
/// </summary>
public sealed class PasswordRule(FrenchIdentityErrors errors) : IPasswordValidator<Member>
{
    public const int MinimumLength = 8;

    /// <summary>The example every password field shows, and so a password no one may have.</summary>
    public const string Example = "la girafe mange des crêpes";

    /// <summary>What every password field says, so that a 9-year-old can choose one that will be accepted.</summary>
    public const string Explanation =
        "Au moins 8 caractères. Le plus sûr, et facile à retenir : une petite phrase de 3 ou 4 mots que personne d'autre ne connaît, "
        + "comme « " + Example + " » (mais pas celle-là !). Pas le pseudo, et pas un mot de passe trop connu comme « motdepasse » ou « 12345678 ».";

    // The 30,000 passwords found most often in leaks, most common first, as zxcvbn ships them; its
    // matcher reads the list once, on first use, and looks up every part of what it is given.
    private static readonly DictionaryMatcher CommonPasswords = new("passwords", "passwords.lst");

    // The list's entries run from 4 to 20 characters; past this length nothing can be on it, and
    // the matcher, which tries every part of its input, is not handed a whole novel.
    private const int LongestLookedUp = 64;
    private const int ShortestLookedUp = 4;

    public Task<IdentityResult> ValidateAsync(UserManager<Member> manager, Member user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            // Identity's own length rule says what is missing.
            return Task.FromResult(IdentityResult.Success);
        }
        IdentityError? error =
            password != password.Trim() ? errors.PasswordSpaceAtAnEnd()
            : IsExample(password) ? errors.ExamplePassword()
            : ResemblesAName(password, [user.Pseudonym, user.UserName, user.Email?.Split('@')[0], .. (user.RealName ?? "").Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries).Where(part => part.Length >= 3)]) ? errors.PasswordLikeName()
            : IsCommon(password) ? errors.CommonPassword()
            : null;
        return Task.FromResult(error is null ? IdentityResult.Success : IdentityResult.Failed(error));
    }

    /// <summary>
    /// On the list of common passwords, whatever the capitals, accents, spaces and signs, and even
    /// with digits or signs added at the end (« Soleil2024! » is « soleil »).
    /// </summary>
    public static bool IsCommon(string password) =>
        Variants(password).Any(variant => CommonPasswords.MatchPassword(variant).Any(match => match.i == 0 && match.j == variant.Length - 1));

    public static bool IsExample(string password) => Variants(password).Contains(Fold(Example));

    /// <summary>
    /// One of the names is all there is to the password, or nearly: what remains once it is taken
    /// out is shorter than a password may be. « Baobab2024 » for Baobab is refused; a long phrase
    /// that happens to hold the pseudonym is not.
    /// </summary>
    public static bool ResemblesAName(string password, IEnumerable<string?> names)
    {
        var folded = Fold(password);
        return names
            .Select(name => Fold(name ?? ""))
            .Where(name => name.Length >= 3)
            .Any(name => folded.Contains(name, StringComparison.Ordinal) && folded.Replace(name, "", StringComparison.Ordinal).Length < MinimumLength);
    }

    private static IEnumerable<string> Variants(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        var folded = Fold(password);
        return new[] { lower, WithoutEnding(lower), folded, WithoutEnding(folded) }
            .Where(v => v.Length is >= ShortestLookedUp and <= LongestLookedUp)
            .Distinct();
    }

    private static string WithoutEnding(string text)
    {
        var end = text.Length;
        while (end > 0 && !char.IsLetter(text[end - 1]))
        {
            end--;
        }
        return text[..end];
    }

    /// <summary>Small letters only, without accents, spaces or signs: « Mot-de-Passe Été » is « motdepasseete ».</summary>
    internal static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        // Decomposed, « é » is « e » and an accent, which is neither a letter nor a digit.
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }
        return folded.ToString();
    }
}
