using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;

namespace Participation.Web.Accounts;

/// <summary>
/// Where an administrator made by <see cref="AdminCommand"/> chooses a password, from the link the
/// command printed. The link is Identity's reset token: it works once, for a day.
/// </summary>
[AllowAnonymous]
public sealed class FirstAccessModel(UserManager<Member> users, SignInManager<Member> signIn, SignInAttempts attempts, TimeProvider clock) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Compte { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jeton { get; set; }
    [BindProperty, DataType(DataType.Password)] public string? Password { get; set; }
    [BindProperty, DataType(DataType.Password)] public string? Confirmation { get; set; }

    public const string Spent = "Ce lien a déjà servi ou n'est plus valable (il dure 24 heures). Demandez un nouveau lien à la personne qui administre le site.";

    public bool LinkMissing => string.IsNullOrEmpty(Compte) || string.IsNullOrEmpty(Jeton);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (LinkMissing)
        {
            AddError("", Spent);
            return Page();
        }
        if (string.IsNullOrEmpty(Password))
        {
            AddError(nameof(Password), "Choisissez un mot de passe.");
        }
        else if (Password != Confirmation)
        {
            AddError(nameof(Confirmation), "Les deux mots de passe ne sont pas les mêmes : tapez-les à nouveau.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (attempts.ActivationFrom(HttpContext) is { } wait)
        {
            return TooManyAttempts("", $"Trop d'essais depuis ce réseau. Réessayez dans {AttemptCounter.InFrench(wait)}.", wait);
        }
        var member = await users.FindByIdAsync(Compte!);
        if (member is null)
        {
            attempts.WrongActivationCode(HttpContext);
            AddError("", Spent);
            return Page();
        }
        var reset = await users.ResetPasswordAsync(member, Jeton!, Password!);
        if (!reset.Succeeded)
        {
            if (reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                attempts.WrongActivationCode(HttpContext);
                AddError("", Spent);
            }
            else
            {
                AddError(nameof(Password), string.Join(" ", reset.Errors.Select(e => e.Description)));
            }
            return Page();
        }
        member.ActivatedAt ??= clock.GetUtcNow();
        member.EmailConfirmed = true;
        await users.UpdateAsync(member);
        await signIn.SignInAsync(member, isPersistent: false);
        return LocalRedirect("/espace");
    }
}
