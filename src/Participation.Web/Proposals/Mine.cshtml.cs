using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

[Authorize(Policy = ProposalPolicies.Propose)]
public sealed class MineModel(ProposalQueries queries) : PageModel
{
    public ProposalPage Results { get; private set; } = null!;

    public async Task OnGetAsync(int page = 1) =>
        Results = await queries.SearchAsync(new ProposalFilter(AuthorId: Actor.From(User).MemberId), page);
}
