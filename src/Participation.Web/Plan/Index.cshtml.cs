using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Participation.Web.Plan;

[AllowAnonymous]
public sealed class IndexModel(PlanQueries queries) : PageModel
{
    public PlanView Plan { get; private set; } = null!;
    public IReadOnlyList<PlanSummary> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? slug)
    {
        if (await queries.FindAsync(slug) is not { } plan)
        {
            return NotFound();
        }
        Plan = plan;
        Others = (await queries.ListAsync()).Where(p => p.Slug != plan.Plan.Slug).ToList();
        return Page();
    }
}
