using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

/// <summary>An establishment's representative signs each adopted version for their own establishment, once.</summary>
[Authorize(Roles = Roles.Establishment)]
public sealed class SignModel(ParticipationDb db, CharterQueries queries, CharterVersions versions) : FormPageModel
{
    public Establishment? Place { get; private set; }
    public IReadOnlyList<VersionSummary> Adopted { get; private set; } = [];
    public int? Signed { get; private set; }

    [BindProperty] public int VersionId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public bool Read { get; set; }

    public async Task OnGetAsync(int? signee)
    {
        Signed = signee;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Place is null)
        {
            AddError("", "Votre compte n'est rattaché à aucun établissement : demandez au Département de le faire.");
            return Page();
        }
        if (!Read)
        {
            AddError(nameof(Read), "Cochez la case pour dire que vous avez lu la version que vous signez.");
            return Page();
        }
        var result = await versions.SignAsync(VersionId, Place.Id, Actor.From(User), Name ?? "");
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        var number = await db.CharterVersions.Where(v => v.Id == VersionId).Select(v => v.Number).SingleAsync();
        return Redirect($"/etablissement/charte?signee={number}");
    }

    private async Task LoadAsync()
    {
        var memberId = User.MemberId()!;
        Place = await db.Users.AsNoTracking().Where(u => u.Id == memberId).Select(u => u.Establishment).SingleOrDefaultAsync();
        Adopted = (await queries.VersionsAsync(withDrafts: false)).Where(v => v.Status == CharterVersionStatus.Adopted).ToList();
    }
}
