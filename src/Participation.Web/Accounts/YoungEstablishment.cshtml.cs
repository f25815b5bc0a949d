using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Infrastructure;

namespace Participation.Web.Accounts;

[Authorize(Policy = Policies.ManageYoungMembers)]
public sealed class YoungEstablishmentModel(YoungMembers young) : FormPageModel
{
    [BindProperty] public string? EstablishmentId { get; set; }

    public string Pseudonym { get; private set; } = "";
    public IReadOnlyList<EstablishmentChoice> Establishments { get; private set; } = [];
    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, bool enregistre = false)
    {
        if (await LoadAsync(id) is not { } member)
        {
            return await young.ExistsAsync(id) ? Forbid() : NotFound();
        }
        EstablishmentId = member.EstablishmentId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (enregistre)
        {
            var place = Establishments.FirstOrDefault(e => e.Id == member.EstablishmentId)?.Label ?? "pas en établissement ou non précisé";
            Saved = $"Lieu de vie de {Pseudonym} : {place}.";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (await LoadAsync(id) is null)
        {
            return await young.ExistsAsync(id) ? Forbid() : NotFound();
        }
        if (!YoungMembers.TryReadEstablishment(EstablishmentId, out var establishmentId))
        {
            AddError(nameof(EstablishmentId), YoungMembers.UnknownEstablishment);
            return Page();
        }
        var result = await young.SetEstablishmentAsync(id, establishmentId);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        return Redirect($"/animation/jeunes/{Uri.EscapeDataString(id)}/lieu-de-vie?enregistre=true");
    }

    private async Task<YoungPlace?> LoadAsync(string id)
    {
        // Only a young member in this person's care can be moved: moving one in would hand their name over.
        var member = await young.InCareOf(User).Where(u => u.Id == id)
            .Select(u => new YoungPlace(u.Pseudonym, u.EstablishmentId))
            .SingleOrDefaultAsync();
        if (member is not null)
        {
            Pseudonym = member.Pseudonym;
            Establishments = await young.EstablishmentsAsync();
        }
        return member;
    }

    private sealed record YoungPlace(string Pseudonym, int? EstablishmentId);
}
