using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;

namespace Participation.Web.Consultations;

public sealed record BatchRow(int Id, string Label, DateTimeOffset CreatedAt, int Count, int Used);

[Authorize(Policy = ConsultationPolicies.Manage)]
public sealed class InvitationsModel(ParticipationDb db, Responses responses) : FormPageModel
{
    public const int MaxBatch = 500;

    [BindProperty] public string? Label { get; set; }
    [BindProperty] public int? Count { get; set; }

    public string QuestionnaireTitle { get; private set; } = "";
    public QuestionnaireAccess Access { get; private set; }
    public IReadOnlyList<BatchRow> Batches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Count = 20;
        return await LoadAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var label = Label?.Trim() ?? "";
        if (label.Length is < 2 or > InvitationBatch.LabelMaxLength)
        {
            AddError(nameof(Label), $"Donnez un nom à ce lot, de 2 à {InvitationBatch.LabelMaxLength} caractères (par exemple « Courrier de mars, secteur nord »).");
        }
        if (Count is not (>= 1 and <= MaxBatch))
        {
            AddError(nameof(Count), $"Un lot compte de 1 à {MaxBatch} invitations.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var batch = await responses.CreateInvitationsAsync(id, label, Count!.Value);
        return Redirect($"/pilotage/consultations/{id}/invitations/{batch.Id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var questionnaire = await db.Questionnaires.AsNoTracking().Where(q => q.Id == id).Select(q => new { q.Title, q.Access }).SingleOrDefaultAsync();
        if (questionnaire is null)
        {
            return false;
        }
        QuestionnaireTitle = questionnaire.Title;
        Access = questionnaire.Access;
        Batches = await db.InvitationBatches.AsNoTracking().Where(b => b.QuestionnaireId == id).OrderByDescending(b => b.CreatedAt)
            .Select(b => new BatchRow(b.Id, b.Label, b.CreatedAt, b.Invitations.Count, b.Invitations.Count(i => i.UsedAt != null)))
            .ToListAsync();
        return true;
    }
}
