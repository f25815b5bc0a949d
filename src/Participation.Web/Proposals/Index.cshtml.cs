using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

[AllowAnonymous]
public sealed class IndexModel(ProposalQueries queries, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "theme")] public string? ThemeSlug { get; set; }
    [BindProperty(SupportsGet = true, Name = "origine")] public string? ChannelSlug { get; set; }
    [BindProperty(SupportsGet = true, Name = "statut")] public string? StatusSlug { get; set; }
    [BindProperty(SupportsGet = true, Name = "tranche")] public string? BandSlug { get; set; }
    [BindProperty(SupportsGet = true, Name = "noeud")] public int? NodeId { get; set; }
    /// <summary>
    /// The page of results the address asks for. Read from the query string alone: « page » is also
    /// the route value naming the Razor page itself, which model binding would take instead.
    /// </summary>
    public int PageNumber => ResultPages.Requested(Request);

    public ProposalFilter Filter { get; private set; } = new();
    public ProposalPage Results { get; private set; } = null!;
    public IReadOnlyList<NodeRef> Nodes { get; private set; } = [];
    public bool CanPropose { get; private set; }
    public bool IsFiltered => Filter != new ProposalFilter();
    public bool HasFilters => (Filter with { Query = null }) != new ProposalFilter();

    public async Task OnGetAsync()
    {
        var status = Lifecycle.FromSlug(StatusSlug);
        Filter = new ProposalFilter(
            string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
            Themes.FromSlug(ThemeSlug),
            Vocabulary.ChannelFromSlug(ChannelSlug),
            status is { } s && s.IsPublic() ? s : null,
            AgeBands.FromSlug(BandSlug),
            NodeId);
        Results = await queries.SearchAsync(Filter, PageNumber);
        Nodes = await queries.FilterNodesAsync();
        CanPropose = (await authorization.AuthorizeAsync(User, ProposalPolicies.Propose)).Succeeded;
    }
}
