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
public sealed class FirstAccessModel(UserManager<Member> users, SignInManager<Member> signIn, SignInAttempts attempts, KnownDevices devices, TimeProvider clock)
    : PasswordChoicePage
{
    [BindProperty(SupportsGet = true)] public string? Compte { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jeton { get; set; }

    public override PasswordWords Words { get; } = new(
        "Mot de passe", "Le même mot de passe, encore une fois",
        "Choisissez un mot de passe.", "Les deux mots de passe ne sont pas les mêmes : tapez-les à nouveau.");

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
        CheckTyped();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (attempts.AdministratorLinkFrom(HttpContext) is { } wait)
        {
            return TooManyAttempts("", $"Trop d'essais depuis ce réseau. Réessayez dans {AttemptCounter.InFrench(wait)}.", wait);
        }
        var member = await users.FindByIdAsync(Compte!);
        if (member is null)
        {
            attempts.WrongAdministratorLink(HttpContext);
            AddError("", Spent);
            return Page();
        }
        var reset = await users.ResetPasswordAsync(member, Jeton!, Password!);
        if (!reset.Succeeded)
        {
            if (reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                attempts.WrongAdministratorLink(HttpContext);
                AddError("", Spent);
            }
            else
            {
                Refused(reset.Errors);
            }
            return Page();
        }
        member.ActivatedAt ??= clock.GetUtcNow();
        member.EmailConfirmed = true;
        await users.UpdateAsync(member);
        await signIn.SignInAsync(member, isPersistent: false);
        devices.Remember(HttpContext, member.NormalizedUserName!);
        return LocalRedirect("/espace");
    }
}
