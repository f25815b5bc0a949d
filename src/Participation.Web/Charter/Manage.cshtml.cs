using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Accounts;
using Participation.Web.Infrastructure;

namespace Participation.Web.Charter;

/// <summary>The charter's versions for the département's staff, and the start of the next one.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class ManageModel(CharterQueries queries, CharterVersions versions, TimeProvider clock) : FormPageModel
{
    public IReadOnlyList<VersionSummary> Versions { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostDraftAsync()
    {
        var (draft, refusal) = await versions.DraftNextAsync();
        if (draft is null)
        {
            AddError("", refusal!);
            await LoadAsync();
            return Page();
        }
        return Redirect($"/pilotage/charte/versions/{draft.Id}?fait=brouillon");
    }

    private async Task LoadAsync()
    {
        Now = clock.GetUtcNow();
        Versions = await queries.VersionsAsync(withDrafts: true);
    }
}
