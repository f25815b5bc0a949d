using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Shared;

namespace Participation.Web.Accounts;

[Authorize]
public sealed class ProfileModel(UserManager<Member> users, SignInManager<Member> signIn, SignInAttempts attempts, TimeProvider clock) : PasswordChoicePage
{
    public Member Member { get; private set; } = null!;
    public IList<string> Roles { get; private set; } = [];
    public AgeBand? AgeBand { get; private set; }
    public bool Saved { get; private set; }

    [BindProperty, DataType(DataType.Password)] public string? Current { get; set; }

    public override PasswordWords Words { get; } = new(
        "Nouveau mot de passe", "Encore une fois, le nouveau mot de passe",
        "Choisis un nouveau mot de passe.", "Les deux mots de passe ne sont pas pareils.");

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        if (!await LoadAsync())
        {
            return Challenge();
        }
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return Challenge();
        }
        if (string.IsNullOrEmpty(Current))
        {
            AddError(nameof(Current), "Tape ton mot de passe actuel.");
        }
        CheckTyped();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The current password is guessed here as at sign-in, by someone holding an open session:
        // it is counted with the sign-in attempts of this account from this place, and waits alike.
        var login = users.NormalizeName(Member.UserName)!;
        if (attempts.TryPassword(HttpContext, login) is { } wait)
        {
            return TooManyAttempts(nameof(Current), SignInAttempts.TooManyWrongCurrentPasswords(wait), wait);
        }
        var changed = await users.ChangePasswordAsync(Member, Current!, Password!);
        if (changed.Errors.FirstOrDefault(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) is { } mismatch)
        {
            AddError(nameof(Current), mismatch.Description);
            return Page();
        }
        attempts.RightPassword(HttpContext, login);
        if (!changed.Succeeded)
        {
            Refused(changed.Errors);
            return Page();
        }
        await signIn.RefreshSignInAsync(Member);
        return RedirectToPage(new { saved = true });
    }

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } member)
        {
            return false;
        }
        Member = member;
        Roles = await users.GetRolesAsync(member);
        if (member.BirthYear is { } year)
        {
            AgeBand = AgeBands.ForBirthYear(year, clock.GetLocalNow().Year);
        }
        return true;
    }
}
