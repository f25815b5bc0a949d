using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Plan;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Web.Schema;

/// <summary>One action of the plan: its text, where it stands, the voices linked to it and what was done.</summary>
[AllowAnonymous]
public sealed class ActionModel(PlanQueries plans, ProposalQueries proposals) : PageModel
{
    public ActionView Action { get; private set; } = null!;
    public ActionProgress Progress { get; private set; } = null!;
    public ProposalPage Linked { get; private set; } = null!;

    /// <summary>Read from the query string alone: « page » is also the route value naming the Razor page itself.</summary>
    public int PageNumber => ResultPages.Requested(Request);

    public async Task<IActionResult> OnGetAsync(string slug, string code)
    {
        if (await plans.ActionAsync(slug, code) is not { } action)
        {
            return NotFound();
        }
        Action = action;
        Progress = await proposals.ForActionAsync(action.Id);
        Linked = await proposals.SearchAsync(new ProposalFilter(PlanNodeId: action.Id, HideHeld: true), PageNumber);
        return Page();
    }
}
