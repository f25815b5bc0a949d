using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

/// <summary>Two versions side by side, practice by practice: what was added, removed or reworded, with the words that changed.</summary>
[AllowAnonymous]
public sealed class CompareModel(CharterQueries queries) : PageModel
{
    public IReadOnlyList<VersionSummary> Versions { get; private set; } = [];
    public int? From { get; private set; }
    public int? To { get; private set; }
    public IReadOnlyList<PracticeComparison> Changes { get; private set; } = [];
    public bool ShowUnchanged { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? de, int? a, string? tout)
    {
        var staff = User.IsInRole(Roles.Admin);
        Versions = await queries.VersionsAsync(withDrafts: staff);
        if (Versions.Count < 2)
        {
            Problem = "Il n'y a pas encore deux versions à comparer.";
            return Page();
        }
        To = a ?? Versions[0].Number;
        From = de ?? Versions.Where(v => v.Number < To).Select(v => (int?)v.Number).FirstOrDefault();
        ShowUnchanged = tout is "1" or "true";
        if (From is null || From == To)
        {
            Problem = "Il faut deux versions différentes pour les comparer.";
            return Page();
        }
        if (await queries.CompareAsync(From.Value, To.Value, staff) is not { } changes)
        {
            Problem = "Une des deux versions n'existe pas.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Changes = changes;
        return Page();
    }
}
