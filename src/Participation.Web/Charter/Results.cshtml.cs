using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Accounts;

namespace Participation.Web.Charter;

/// <summary>The young people's votes on a version, practice by practice, by age band and by establishment, and the adults' comments.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class ResultsModel(CharterQueries queries, CharterVotes votes, TimeProvider clock) : PageModel
{
    public CharterView Charter { get; private set; } = null!;
    public IReadOnlyList<PracticeResult> Results { get; private set; } = [];
    public int Voters { get; private set; }
    public DateTimeOffset Now { get; private set; }

    /// <summary>The window has closed: the choices can be read.</summary>
    public bool Over { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await queries.ViewByIdAsync(id) is not { } charter)
        {
            return NotFound();
        }
        Charter = charter;
        Now = clock.GetUtcNow();
        Over = charter.Version.VoteOver(Now);
        Results = await votes.ResultsAsync(id, charter.Practices, Over);
        Voters = await votes.VotersAsync(id);
        return Page();
    }
}
