using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Participation.Web.Accounts;

[Authorize(Policy = Policies.ManageYoungMembers)]
public sealed class YoungCodeModel(YoungMembers young, UserManager<Member> users) : PageModel
{
    public string Pseudonym { get; private set; } = "";
    public IssuedCode? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await FindYoungAsync(id) is not { } member)
        {
            return NotFound();
        }
        Pseudonym = member.Pseudonym;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (await FindYoungAsync(id) is null)
        {
            return NotFound();
        }
        var result = await young.NewCodeAsync(id);
        if (!result.Succeeded)
        {
            return NotFound();
        }
        Pseudonym = result.Member!.Pseudonym;
        Issued = new IssuedCode(Pseudonym, result.Code!, DateOnly.FromDateTime(result.Member.ActivationCodeExpiresAt!.Value.UtcDateTime));
        return Page();
    }

    private async Task<Member?> FindYoungAsync(string id) =>
        await users.FindByIdAsync(id) is { } member && await users.IsInRoleAsync(member, Roles.Young) ? member : null;
}
