using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;

namespace Participation.Web.Accounts;

[AllowAnonymous]
public sealed class ActivateModel(YoungMembers young, SignInManager<Member> signIn, SignInAttempts attempts) : FormPageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty, DataType(DataType.Password)] public string? Password { get; set; }
    [BindProperty, DataType(DataType.Password)] public string? Confirmation { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            AddError(nameof(Code), "Tape le code écrit sur ton papier.");
        }
        if (string.IsNullOrEmpty(Password))
        {
            AddError(nameof(Password), "Choisis un mot de passe.");
        }
        else if (Password != Confirmation)
        {
            AddError(nameof(Confirmation), "Les deux mots de passe ne sont pas pareils. Tape-les encore.");
        }
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
        await signIn.SignInAsync(result.Member!, isPersistent: false);
        return LocalRedirect("/espace");
    }
}
