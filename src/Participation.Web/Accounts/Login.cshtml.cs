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

    /// <summary>An e-mail address has at most 254 characters, a pseudonym 24.</summary>
    public const int MaximumLoginLength = 256;

    private static string? _noOnesHash;

    /// <summary>The hash of a password of no account, made once with the site's own hasher, so that checking against it costs what checking a real one does.</summary>
    private static string NoOnesHash(UserManager<Member> users) =>
        _noOnesHash ??= users.PasswordHasher.HashPassword(new Member { Pseudonym = "" }, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

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
        // No account has a longer login: refused before anything is counted or kept.
        if (login.Length > MaximumLoginLength)
        {
            AddError(nameof(Login), Refused);
            return Page();
        }
        if (attempts.SignInFrom(HttpContext, normalised) is { } busy)
        {
            return TooManyAttempts(nameof(Login), $"Trop d'essais depuis ce réseau. Réessayez dans {AttemptCounter.InFrench(busy)}.", busy);
        }
        // While this place waits, not even the right password is checked: the answer cannot tell it.
        if (attempts.TryPassword(HttpContext, normalised) is { } wait)
        {
            return TooManyAttempts(nameof(Login), SignInAttempts.TooManyWrongPasswords(wait), wait);
        }
        var member = await users.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalised || u.NormalizedEmail == normalised);
        if (member?.PasswordHash is null)
        {
            // No account, or one still waiting for its code: a password is checked all the same,
            // against a hash no one has, so that the answer takes as long as for an account.
            users.PasswordHasher.VerifyHashedPassword(member ?? new Member { Pseudonym = "" }, NoOnesHash(users), Password);
        }
        else
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
