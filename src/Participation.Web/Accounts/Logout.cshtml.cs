using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Participation.Web.Accounts;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<Member> signIn, UserManager<Member> users, SignOuts signOuts) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Signing out ends the account's other openings too, a live council connection included: on a
        // shared phone or tablet, what stays open must not keep acting as the person who left.
        if (await users.GetUserAsync(User) is { } member)
        {
            await users.UpdateSecurityStampAsync(member);
            // Open consoles, circles and queues stop at once, on every instance, not at their next check.
            await signOuts.CloseEverywhereAsync(member.Id);
        }
        await signIn.SignOutAsync();
        return RedirectToPage();
    }
}
