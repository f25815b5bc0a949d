using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Accounts;

public sealed record FacilitatorFollows(string Id, string Pseudonym, IReadOnlySet<int> Followed, int Created);

/// <summary>Which establishments each facilitator follows: whose real names and codes are in their care.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class FollowsModel(ParticipationDb db, YoungMembers young) : FormPageModel
{
    [BindProperty] public string? FacilitatorId { get; set; }
    [BindProperty] public List<int> Establishments { get; set; } = [];

    public IReadOnlyList<FacilitatorFollows> Facilitators { get; private set; } = [];
    public IReadOnlyList<EstablishmentChoice> Choices { get; private set; } = [];
    public string? Saved { get; private set; }
    public string? SavedFor { get; private set; }

    public async Task OnGetAsync(string? enregistre)
    {
        await LoadAsync();
        SavedFor = enregistre;
        Saved = Facilitators.FirstOrDefault(f => f.Id == enregistre) is { } saved
            ? $"C'est enregistré : {saved.Pseudonym} suit {(saved.Followed.Count == 0 ? "aucun établissement" : string.Join(", ", Choices.Where(c => saved.Followed.Contains(c.Id)).Select(c => c.Label)))}."
            : null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await young.SetFollowedAsync(FacilitatorId ?? "", Establishments);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            await LoadAsync();
            return Page();
        }
        return Redirect($"/pilotage/comptes/animation?enregistre={Uri.EscapeDataString(FacilitatorId!)}#animateur-{Uri.EscapeDataString(FacilitatorId!)}");
    }

    private async Task LoadAsync()
    {
        Choices = await young.EstablishmentsAsync();
        var follows = await db.FollowedEstablishments.ToListAsync();
        var created = await db.MembersInRole(Roles.Young).Where(u => u.CreatedById != null)
            .GroupBy(u => u.CreatedById!).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync();
        Facilitators = (await db.MembersInRole(Roles.Facilitator).OrderBy(u => u.Pseudonym).Select(u => new { u.Id, u.Pseudonym }).ToListAsync())
            .Select(f => new FacilitatorFollows(f.Id, f.Pseudonym,
                follows.Where(x => x.FacilitatorId == f.Id).Select(x => x.EstablishmentId).ToHashSet(),
                created.FirstOrDefault(c => c.Id == f.Id)?.Count ?? 0))
            .ToList();
    }
}
