using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Accounts;

public sealed record IssuedCode(string Pseudonym, string Code, DateOnly ExpiresOn);

[Authorize(Policy = Policies.ManageYoungMembers)]
public sealed class YoungNewModel(YoungMembers young) : FormPageModel
{
    [BindProperty] public string? Pseudonym { get; set; }
    [BindProperty] public string? BirthYear { get; set; }
    [BindProperty] public string? RealName { get; set; }
    [BindProperty] public string? EstablishmentId { get; set; }

    public IReadOnlyList<EstablishmentChoice> Establishments { get; private set; } = [];
    public IssuedCode? Created { get; private set; }
    public int CurrentYear => young.CurrentYear;

    public async Task OnGetAsync()
    {
        Establishments = await young.EstablishmentsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Establishments = await young.EstablishmentsAsync();
        if (string.IsNullOrWhiteSpace(Pseudonym))
        {
            AddError(nameof(Pseudonym), "Choisissez un pseudonyme avec le ou la jeune.");
        }
        if (!int.TryParse(BirthYear?.Trim(), out var year))
        {
            AddError(nameof(BirthYear), $"Indiquez l'année de naissance en chiffres, par exemple {CurrentYear - 12}.");
        }
        if (!YoungMembers.TryReadEstablishment(EstablishmentId, out var establishmentId))
        {
            AddError(nameof(EstablishmentId), YoungMembers.UnknownEstablishment);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await young.CreateAsync(new NewYoungMember(Pseudonym!, year, RealName, establishmentId), User.MemberId()!);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        Created = new IssuedCode(result.Value.Member.Pseudonym, result.Value.Code, DateOnly.FromDateTime(result.Value.Member.ActivationCodeExpiresAt!.Value.UtcDateTime));
        return Page();
    }
}
