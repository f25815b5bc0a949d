using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Infrastructure;

namespace Participation.Web.Accounts;

[AllowAnonymous]
[EnableRateLimiting(AccountsExtensions.SignInRateLimit)]
public sealed class LoginModel(SignInManager<Member> signIn, UserManager<Member> users) : FormPageModel
{
    [BindProperty] public string? Login { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var login = Login?.Trim();
        if (string.IsNullOrEmpty(login) || string.IsNullOrEmpty(Password))
        {
            AddError("Login", "Saisissez votre identifiant et votre mot de passe.");
            return Page();
        }

        // Young members sign in with their pseudonym, adults with their e-mail: both are the user name.
        var normalised = users.NormalizeName(login);
        var member = await users.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalised || u.NormalizedEmail == normalised);
        if (member is not null)
        {
            var result = await signIn.PasswordSignInAsync(member, Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/espace");
            }
            if (result.IsLockedOut)
            {
                AddError("Login", "Trop d'essais : ce compte est bloqué pendant 15 minutes. Tu peux aussi demander de l'aide à ton animateur·rice.");
                return Page();
            }
            if (member.PasswordHash is null && member.ActivationCodeHash is not null)
            {
                AddError("Login", "Ce compte n'est pas encore activé. Utilise d'abord le code reçu sur papier : « J'ai un code ».");
                return Page();
            }
        }
        AddError("Login", "Identifiant ou mot de passe incorrect.");
        return Page();
    }
}
