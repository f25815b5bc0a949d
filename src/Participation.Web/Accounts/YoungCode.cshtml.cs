using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Participation.Web.Accounts;

[Authorize(Policy = Policies.ManageYoungMembers)]
public sealed class YoungCodeModel(YoungMembers young) : PageModel
{
    public string Pseudonym { get; private set; } = "";
    public IssuedCode? Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await RefusalAsync(id) is { } refusal)
        {
            return refusal;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (await RefusalAsync(id) is { } refusal)
        {
            return refusal;
        }
        var result = await young.NewCodeAsync(id);
        if (!result.Succeeded)
        {
            return NotFound();
        }
        Pseudonym = result.Value.Member.Pseudonym;
        Issued = new IssuedCode(Pseudonym, result.Value.Code, DateOnly.FromDateTime(result.Value.Member.ActivationCodeExpiresAt!.Value.UtcDateTime));
        return Page();
    }

    /// <summary>A code is handed only by those in whose care the young member is: others are refused, as for any page not theirs.</summary>
    private async Task<IActionResult?> RefusalAsync(string id)
    {
        if (await young.InCareOf(User).Where(u => u.Id == id).Select(u => u.Pseudonym).SingleOrDefaultAsync() is { } pseudonym)
        {
            Pseudonym = pseudonym;
            return null;
        }
        return await young.ExistsAsync(id) ? Forbid() : NotFound();
    }
}
