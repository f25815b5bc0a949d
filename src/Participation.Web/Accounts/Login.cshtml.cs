using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Infrastructure;

namespace Participation.Web.Accounts;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<Member> signIn, UserManager<Member> users, SignInAttempts attempts, KnownDevices devices) : FormPageModel
{
    public const string Refused = "Identifiant ou mot de passe incorrect. Après plusieurs erreurs, il faudra attendre un peu avant de réessayer. "
        + "Pas encore de mot de passe ? Utilise le code reçu sur papier : « J'ai un code ».";

    [BindProperty] public string? Login { get; set; }
    [BindProperty, DataType(DataType.Password)] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var login = Login?.Trim();
        if (string.IsNullOrEmpty(login) || string.IsNullOrEmpty(Password))
        {
            AddError(nameof(Login), "Saisissez votre identifiant et votre mot de passe.");
            return Page();
        }

        // Young members sign in with their pseudonym, adults with their e-mail: both are the user name.
        var normalised = users.NormalizeName(login);
        if (attempts.SignInFrom(HttpContext) is { } busy)
        {
            return TooManyAttempts(nameof(Login), $"Trop d'essais depuis ce réseau. Réessayez dans {AttemptCounter.InFrench(busy)}.", busy);
        }
        // While this place waits, not even the right password is checked: the answer cannot tell it.
        if (attempts.TryPassword(HttpContext, normalised) is { } wait)
        {
            return TooManyAttempts(nameof(Login), SignInAttempts.TooManyWrongPasswords(wait), wait);
        }
        var member = await users.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalised || u.NormalizedEmail == normalised);
        if (member is not null)
        {
            var result = await signIn.PasswordSignInAsync(member, Password, isPersistent: false, lockoutOnFailure: false);
            if (result.Succeeded)
            {
                attempts.RightPassword(HttpContext, normalised);
                devices.Remember(HttpContext, normalised);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/espace");
            }
        }
        // One answer whether or not the account exists or awaits its code, and the try counted all
        // the same: a pseudonym seen on a proposal must not be confirmed as an account here.
        AddError(nameof(Login), Refused);
        return Page();
    }
}
