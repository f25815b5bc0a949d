using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Accounts;

[Authorize]
public sealed class ProfileModel(UserManager<Member> users, SignInManager<Member> signIn, TimeProvider clock) : FormPageModel
{
    public Member Member { get; private set; } = null!;
    public IList<string> Roles { get; private set; } = [];
    public AgeBand? AgeBand { get; private set; }
    public bool Saved { get; private set; }

    [BindProperty, DataType(DataType.Password)] public string? Current { get; set; }
    [BindProperty, DataType(DataType.Password)] public string? Password { get; set; }
    [BindProperty, DataType(DataType.Password)] public string? Confirmation { get; set; }

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
        if (string.IsNullOrEmpty(Password))
        {
            AddError(nameof(Password), "Choisis un nouveau mot de passe.");
        }
        else if (Password != Confirmation)
        {
            AddError(nameof(Confirmation), "Les deux mots de passe ne sont pas pareils.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var changed = await users.ChangePasswordAsync(Member, Current!, Password!);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                AddError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(Current) : nameof(Password), error.Description);
            }
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
