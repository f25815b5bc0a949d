using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Council;

[Authorize(Policy = CouncilPolicies.Facilitate)]
public sealed class NewModel(Sessions sessions) : FormPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public SessionKind Kind { get; set; }
    [BindProperty] public string? StartsAt { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public bool IsRemote { get; set; }
    [BindProperty] public string? Theme { get; set; }
    [BindProperty] public List<string> Bands { get; set; } = [];
    [BindProperty] public string? Agenda { get; set; }
    // A room session is usually open to guests with the code; an unchecked box posts nothing, so the default only holds on first display.
    [BindProperty] public bool GuestsAllowed { get; set; }

    public void OnGet()
    {
        GuestsAllowed = true;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var bands = Bands.Select(AgeBands.FromSlug).Where(b => b is not null).Aggregate(AgeBandSet.None, (all, b) => all | b!.Value.ToSet());
        // Typed on the département's clock, whatever the server's: shown back on it too.
        if (!DateTime.TryParseExact(StartsAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            AddError(nameof(StartsAt), "Indiquez la date et l'heure de la séance.");
            return Page();
        }
        var result = await sessions.CreateAsync(
            new NewSession(Title ?? "", Kind, new DateTimeOffset(local, FrenchDates.Paris.GetUtcOffset(local)), Place, IsRemote, Theme ?? "", bands, (Agenda ?? "").Split('\n'), GuestsAllowed),
            User.MemberId()!);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        return Redirect($"/conseil/seances/{result.Value}");
    }
}
