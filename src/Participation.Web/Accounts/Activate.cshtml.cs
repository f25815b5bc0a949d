using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;

namespace Participation.Web.Accounts;

[AllowAnonymous]
public sealed class ActivateModel(YoungMembers young, SignInManager<Member> signIn, SignInAttempts attempts, KnownDevices devices)
    : PasswordChoicePage
{
    [BindProperty] public string? Code { get; set; }

    public override PasswordWords Words { get; } = new(
        "Mon mot de passe", "Encore une fois, mon mot de passe",
        "Choisis un mot de passe.", "Les deux mots de passe ne sont pas pareils. Tape-les encore.");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            AddError(nameof(Code), "Tape le code écrit sur ton papier.");
        }
        CheckTyped();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (attempts.ActivationFrom(HttpContext) is { } wait)
        {
            return TooManyAttempts(nameof(Code), $"Trop de codes essayés depuis ce réseau. Réessaie dans {AttemptCounter.InFrench(wait)}.", wait);
        }

        var result = await young.ActivateAsync(Code!, Password!);
        if (!result.Succeeded)
        {
            // A code refused for its shape tells nothing to someone guessing; one refused as unknown does.
            if (result.Errors.ContainsKey(nameof(Code)) && ActivationCodes.Normalise(Code) is not null)
            {
                attempts.WrongActivationCode(HttpContext);
            }
            AddErrors(result.Errors);
            return Page();
        }
        await signIn.SignInAsync(result.Value, isPersistent: false);
        devices.Remember(HttpContext, result.Value.NormalizedUserName!);
        return LocalRedirect("/espace");
    }
}
