using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;

namespace Participation.Web.Consultations;

public sealed record QuestionnaireRow(int Id, string Slug, string Title, QuestionnaireAccess Access, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, DateTimeOffset? PublishedAt, int Submitted, int Drafts)
{
    public string State(DateTimeOffset now) => Questionnaire.StateLabel(PublishedAt, OpensAt, ClosesAt, now);
}

[Authorize(Policy = ConsultationPolicies.Manage)]
public sealed class ManageModel(ParticipationDb db, QuestionnaireBuilder builder, TimeProvider clock) : FormPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public QuestionnaireAccess Access { get; set; }
    [BindProperty] public DateOnly? OpensAt { get; set; }
    [BindProperty] public DateOnly? ClosesAt { get; set; }

    public IReadOnlyList<QuestionnaireRow> Rows { get; private set; } = [];
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task OnGetAsync()
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        OpensAt = today;
        ClosesAt = today.AddDays(30);
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var created = await builder.CreateAsync(new QuestionnaireSettings(Title ?? "", null, Access, ConsultationDates.Opening(OpensAt), ConsultationDates.Closing(ClosesAt), []));
        if (!created.Succeeded)
        {
            AddErrors(created.Errors);
            await LoadAsync();
            return Page();
        }
        return RedirectToPage("/Consultations/Build", new { id = created.Value, message = "creee" });
    }

    private async Task LoadAsync() =>
        Rows = await db.Questionnaires.AsNoTracking()
            .OrderByDescending(q => q.OpensAt)
            .Select(q => new QuestionnaireRow(q.Id, q.Slug, q.Title, q.Access, q.OpensAt, q.ClosesAt, q.PublishedAt,
                db.Responses.Count(r => r.QuestionnaireId == q.Id && r.Status == ResponseStatus.Submitted),
                db.Responses.Count(r => r.QuestionnaireId == q.Id && r.Status == ResponseStatus.Draft)))
            .ToListAsync();
}
