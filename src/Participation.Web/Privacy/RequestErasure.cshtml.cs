using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Privacy;

/// <summary>A person asks for their account to be erased, and may take the request back until staff decide.</summary>
[Authorize]
public sealed class RequestErasureModel(Erasures erasures) : FormPageModel
{
    [BindProperty] public bool Understood { get; set; }

    public Erasure? Pending { get; private set; }
    public Erasure? Refused { get; private set; }
    public bool Withdrawn { get; private set; }

    /// <summary>Young members are spoken to as « tu », adults as « vous ».</summary>
    public bool Young => User.IsInRole(Roles.Young);

    public async Task OnGetAsync(bool retiree = false)
    {
        Pending = await erasures.PendingForAsync(User.MemberId()!);
        Refused = Pending is null ? await erasures.LastRefusedForAsync(User.MemberId()!) : null;
        Withdrawn = retiree && Pending is null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Understood)
        {
            AddError(nameof(Understood), Young
                ? "Coche la case pour dire que tu as compris ce qui sera effacé."
                : "Cochez la case pour confirmer que vous avez compris ce qui sera effacé.");
        }
        else
        {
            var result = await erasures.RequestAsync(User.MemberId()!);
            if (result.Succeeded)
            {
                return RedirectToPage();
            }
            AddErrors(result.Errors);
        }
        Pending = await erasures.PendingForAsync(User.MemberId()!);
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        await erasures.WithdrawAsync(User.MemberId()!);
        return RedirectToPage(new { retiree = true });
    }
}
