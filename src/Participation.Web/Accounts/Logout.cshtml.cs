using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Participation.Web.Accounts;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<Member> signIn, UserManager<Member> users, IEnumerable<ILiveListeners> listeners) : PageModel
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
            // Open circles and queues stop at once, not at their next check.
            foreach (var open in listeners)
            {
                open.CloseFor(member.Id);
            }
        }
        await signIn.SignOutAsync();
        return RedirectToPage();
    }
}
