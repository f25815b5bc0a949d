using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Participation.Web.Infrastructure;

namespace Participation.Web.Accounts;

[AllowAnonymous]
[EnableRateLimiting(AccountsExtensions.SignInRateLimit)]
public sealed class ActivateModel(YoungMembers young, SignInManager<Member> signIn) : FormPageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirmation { get; set; }

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

        var result = await young.ActivateAsync(Code!, Password!);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        await signIn.SignInAsync(result.Member!, isPersistent: false);
        return LocalRedirect("/espace");
    }
}
