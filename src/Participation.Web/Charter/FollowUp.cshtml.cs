using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Accounts;

namespace Participation.Web.Charter;

/// <summary>For staff: each establishment's word beside its young people's, and the practices least in place across the département.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class FollowUpModel(CharterFollowUp followUp) : PageModel
{
    public int Year { get; private set; }
    public VersionSummary? Version { get; private set; }
    public IReadOnlyList<EstablishmentFollowUp> Establishments { get; private set; } = [];
    public IReadOnlyList<DepartmentRow> LeastInPlace { get; private set; } = [];

    public async Task OnGetAsync(int? annee)
    {
        Year = annee is >= 2000 and <= 2100 ? annee.Value : followUp.CurrentYear;
        (Version, var practices) = await followUp.FollowedAsync();
        Establishments = await followUp.SideBySideAsync(Year, practices);
        LeastInPlace = (await followUp.LeastInPlaceAsync(Year, practices)).Take(10).ToList();
    }
}
