using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

[AllowAnonymous]
public sealed class IndexModel(CharterQueries queries, TimeProvider clock) : PageModel
{
    public CharterView? Published { get; private set; }
    public IReadOnlyList<VersionSummary> Versions { get; private set; } = [];
    public VersionSummary? AtVote { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public bool Young => User.IsInRole(Roles.Young);
    public bool Commenter => User.IsInRole(Roles.Professional) || User.IsInRole(Roles.Establishment);

    public async Task OnGetAsync()
    {
        Now = clock.GetUtcNow();
        Versions = await queries.VersionsAsync(withDrafts: false);
        if (await queries.PublishedNumberAsync() is { } number)
        {
            Published = await queries.ViewAsync(number, staff: false, grounds: false);
        }
        AtVote = Versions.FirstOrDefault(v => v.Status == CharterVersionStatus.Consultation);
    }
}
