using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Plan;
using Participation.Web.Proposals;

namespace Participation.Web.Schema;

/// <summary>The plan as the public reads it, with what became of the proposals linked to each action.</summary>
[AllowAnonymous]
public sealed class IndexModel(PlanQueries queries, ProposalStats stats) : PageModel
{
    public PlanView Plan { get; private set; } = null!;
    public IReadOnlyList<PlanSummary> Others { get; private set; } = [];
    public PlanProposalStats Stats { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? slug)
    {
        if (await queries.FindAsync(slug) is not { } plan)
        {
            return NotFound();
        }
        Plan = plan;
        Stats = await stats.GetAsync();
        Others = (await queries.ListAsync()).Where(p => p.Slug != plan.Plan.Slug).ToList();
        return Page();
    }
}
