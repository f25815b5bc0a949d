using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;

namespace Participation.Web.Accounts;

/// <summary>What a page that chooses a password calls its two fields and says when they are wrong, in its own « tu » or « vous ».</summary>
public sealed record PasswordWords(string Label, string ConfirmationLabel, string Missing, string Mismatch);

/// <summary>
/// A page where someone chooses a password (activation, profile, first administrator): the two
/// fields, shown by <c>_NewPassword.cshtml</c> with the rule in words, and their checks. The rule
/// itself is <see cref="PasswordRule"/>'s, applied by Identity where the password is set.
/// </summary>
public abstract class PasswordChoicePage : FormPageModel
{
    // Marked as passwords, so that they are bound exactly as typed, never tidied.
    [BindProperty, DataType(DataType.Password)] public string? Password { get; set; }
    [BindProperty, DataType(DataType.Password)] public string? Confirmation { get; set; }

    public abstract PasswordWords Words { get; }

    /// <summary>Both fields filled, and alike; the message goes next to the field to fix.</summary>
    protected void CheckTyped()
    {
        if (string.IsNullOrEmpty(Password))
        {
            AddError(nameof(Password), Words.Missing);
        }
        else if (Password != Confirmation)
        {
            AddError(nameof(Confirmation), Words.Mismatch);
        }
    }

    /// <summary>Why the rule refused the password, next to its field.</summary>
    /// <summary>The first thing to fix, alone: a child reads one sentence, not two glued together.</summary>
    protected void Refused(IEnumerable<IdentityError> errors) => AddError(nameof(Password), errors.First().Description);
}
