using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Accounts;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

/// <summary>
/// One version for staff: a draft's practices and their grounds written here, then the vote opened;
/// after the vote, adoption. A form that fails keeps what was typed, its messages beside it.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(CharterQueries queries, CharterVersions versions, TimeProvider clock) : FormPageModel
{
    public CharterView Charter { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public string? Done { get; private set; }

    /// <summary>The practice whose form failed, or 0 for the new-practice form.</summary>
    public int? FailedPractice { get; private set; }

    [BindProperty] public int PracticeId { get; set; }
    [BindProperty] public string? Chapter { get; set; }
    [BindProperty] public string? Statement { get; set; }
    [BindProperty] public string? EasyRead { get; set; }
    [BindProperty] public GroundKind? GroundKind { get; set; }
    [BindProperty] public string? SourceId { get; set; }
    [BindProperty] public string? VoteOpensOn { get; set; }
    [BindProperty] public string? VoteClosesOn { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, string? fait)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Done = fait switch
        {
            "brouillon" => $"La version {Charter.Version.Number} est créée : elle reprend les pratiques de la précédente, à modifier ici.",
            "ajoutee" => "La pratique est ajoutée.",
            "modifiee" => "La pratique est modifiée.",
            "retiree" => "La pratique est retirée de cette version.",
            "lien" => "Le lien est enregistré.",
            "lien-retire" => "Le lien est retiré.",
            "vote" => "Le vote des jeunes est programmé.",
            "adoptee" => $"La version {Charter.Version.Number} est adoptée : elle est publiée et les établissements peuvent la signer.",
            _ => null,
        };
        var today = DateOnly.FromDateTime(FrenchDates.ToParis(Now).DateTime);
        VoteOpensOn ??= today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        VoteClosesOn ??= today.AddDays(21).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(int id)
    {
        var added = await versions.AddPracticeAsync(id, ParsedChapter(), Statement, EasyRead);
        return await AfterAsync(id, added.WithoutValue(), 0, "ajoutee");
    }

    public async Task<IActionResult> OnPostRewordAsync(int id) =>
        await AfterAsync(id, await OwnAsync(id) ?? await versions.RewordAsync(PracticeId, ParsedChapter(), Statement, EasyRead), PracticeId, "modifiee");

    public async Task<IActionResult> OnPostRemoveAsync(int id) =>
        await AfterAsync(id, await OwnAsync(id) ?? await versions.RemovePracticeAsync(PracticeId), PracticeId, "retiree");

    public async Task<IActionResult> OnPostAddGroundAsync(int id) =>
        await AfterAsync(id, await OwnAsync(id) ?? await versions.AddGroundAsync(PracticeId, GroundKind,
            int.TryParse(SourceId?.Trim().TrimStart('n', '°', ' '), NumberStyles.None, CultureInfo.InvariantCulture, out var source) ? source : null), PracticeId, "lien");

    public async Task<IActionResult> OnPostRemoveGroundAsync(int id) =>
        await AfterAsync(id, await OwnAsync(id) ?? await versions.RemoveGroundAsync(PracticeId, GroundKind ?? default,
            int.TryParse(SourceId, NumberStyles.None, CultureInfo.InvariantCulture, out var source) ? source : 0), PracticeId, "lien-retire");

    public async Task<IActionResult> OnPostOpenVoteAsync(int id)
    {
        static DateOnly? Day(string? value) => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        var opens = Day(VoteOpensOn);
        var last = Day(VoteClosesOn);
        var errors = new Dictionary<string, string>();
        if (opens is null)
        {
            errors[nameof(VoteOpensOn)] = "Indiquez le premier jour du vote.";
        }
        if (last is null)
        {
            errors[nameof(VoteClosesOn)] = "Indiquez le dernier jour du vote.";
        }
        else if (opens is not null && last < opens)
        {
            errors[nameof(VoteClosesOn)] = "Le dernier jour du vote vient après le premier.";
        }
        if (errors.Count == 0)
        {
            var result = await versions.OpenVoteAsync(id, CharterDates.StartOf(opens!.Value), CharterDates.StartOf(last!.Value.AddDays(1)));
            errors = result.Errors.ToDictionary(e => e.Key == "VoteClosesAt" ? nameof(VoteClosesOn) : e.Key, e => e.Value);
        }
        return await AfterAsync(id, new CommandResult(errors), -1, "vote");
    }

    public async Task<IActionResult> OnPostAdoptAsync(int id) =>
        await AfterAsync(id, await versions.AdoptAsync(id, Actor.From(User)), -1, "adoptee");

    /// <summary>A practice posted with another version's page is refused: each page acts on its own version.</summary>
    private async Task<CommandResult?> OwnAsync(int id) =>
        (await queries.PracticesAsync(id)).Any(p => p.Id == PracticeId) ? null : CommandResult.Fail("", "Cette pratique n'appartient pas à cette version.");

    private Theme ParsedChapter() => CharterChapters.FromSlug(Chapter) ?? Theme.None;

    private async Task<IActionResult> AfterAsync(int id, CommandResult result, int form, string done)
    {
        if (result.Succeeded)
        {
            return Redirect($"/pilotage/charte/versions/{id}?fait={done}");
        }
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        FailedPractice = form;
        AddErrors(result.Errors);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        Now = clock.GetUtcNow();
        if (await queries.ViewByIdAsync(id) is not { } charter)
        {
            return false;
        }
        Charter = charter;
        return true;
    }

    /// <summary>What the form shows: what was typed if this form failed, else the practice as it stands.</summary>
    public (string Chapter, string Statement, string EasyRead) Shown(PracticeView? practice, int form) =>
        FailedPractice == form
            ? (Chapter ?? "", Statement ?? "", EasyRead ?? "")
            : (practice?.Chapter.Slug() ?? "", practice?.Statement ?? "", practice?.EasyRead ?? "");

    public string? ErrorIn(int form, string field) => FailedPractice == form ? ErrorFor(field) : null;
}
