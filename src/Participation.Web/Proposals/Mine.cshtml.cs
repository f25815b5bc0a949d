using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

[Authorize(Policy = ProposalPolicies.Propose)]
public sealed class MineModel(ProposalQueries queries) : PageModel
{
    public ProposalPage Results { get; private set; } = null!;

    /// <summary>Read from the query string alone: « page » is also the route value naming the Razor page itself.</summary>
    public int PageNumber => ResultPages.Requested(Request);

    public async Task OnGetAsync() =>
        Results = await queries.SearchAsync(new ProposalFilter(AuthorId: Actor.From(User).MemberId), PageNumber);
}
