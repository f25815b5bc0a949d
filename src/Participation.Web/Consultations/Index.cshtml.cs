using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;

namespace Participation.Web.Consultations;

public sealed record ClosedQuestionnaire(string Slug, string Title, DateTimeOffset ClosesAt, Outcome Outcome);

public sealed record OpenQuestionnaire(string Slug, string Title, string Intro, QuestionnaireAccess Access, DateTimeOffset ClosesAt, IReadOnlyList<Language> Languages);

[AllowAnonymous]
public sealed class IndexModel(ParticipationDb db, ConsultationResults results, CodeAttempts attempts, CodeCarrier carrier, TimeProvider clock) : FormPageModel
{
    [BindProperty(Name = "code")] public string? Code { get; set; }

    public IReadOnlyList<OpenQuestionnaire> Open { get; private set; } = [];
    public IReadOnlyList<ClosedQuestionnaire> Closed { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>A code from a letter or a saved draft leads straight to its questionnaire.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var code = ConsultationCodes.Normalise(Code);
        if (attempts.Exhausted(HttpContext))
        {
            AddError("code", Languages.French.Wording.TooManyCodes);
        }
        else if (code is null)
        {
            AddError("code", "Un code a 8 lettres et chiffres, par exemple K7QM-4RTA.");
        }
        else
        {
            var invitationHash = ConsultationCodes.InvitationHash(code);
            var draftHash = ConsultationCodes.DraftHash(code);
            // The questionnaire the code opens, and the language of the draft it keeps, if any: a parent
            // who answered in Arabic comes back to Arabic, not to the French landing page.
            var found = await db.Invitations.Where(i => i.CodeHash == invitationHash)
                    .Select(i => new
                    {
                        Slug = db.Questionnaires.Where(q => q.Id == i.QuestionnaireId).Select(q => q.Slug).FirstOrDefault(),
                        Language = db.Responses.Where(r => r.InvitationId == i.Id).Select(r => r.Language).FirstOrDefault(),
                    })
                    .SingleOrDefaultAsync()
                ?? await db.Responses.Where(r => r.ResumeCodeHash == draftHash)
                    .Select(r => new { Slug = db.Questionnaires.Where(q => q.Id == r.QuestionnaireId).Select(q => q.Slug).FirstOrDefault(), Language = (string?)r.Language })
                    .SingleOrDefaultAsync();
            if (found?.Slug is { } slug)
            {
                carrier.Carry(HttpContext, slug, ConsultationCodes.Display(code));
                return RedirectToPage("/Consultations/Answer", new { slug, langue = found.Language is Languages.FrenchCode ? null : found.Language });
            }
            attempts.Failed(HttpContext);
            AddError("code", "Ce code n'est pas reconnu. Vérifiez les lettres et les chiffres.");
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var now = clock.GetUtcNow();
        var rows = await db.Questionnaires.AsNoTracking()
            .Where(q => q.PublishedAt != null && q.OpensAt <= now && q.ClosesAt > now)
            .OrderBy(q => q.ClosesAt)
            .Select(q => new { q.Slug, q.Title, q.Intro, q.Access, q.ClosesAt, q.Translations })
            .ToListAsync();
        Open = rows.Select(q => new OpenQuestionnaire(q.Slug, q.Title, q.Intro, q.Access, q.ClosesAt,
            Languages.All.Where(l => l.Code == Languages.FrenchCode || q.Translations.Contains(l.Code)).ToList())).ToList();

        var closed = await db.Questionnaires.AsNoTracking()
            .Where(q => q.PublishedAt != null && q.ClosesAt <= now)
            .OrderByDescending(q => q.ClosesAt)
            .Take(10)
            .Select(q => new { q.Id, q.Slug, q.Title, q.ClosesAt })
            .ToListAsync();
        var outcomes = await results.OutcomesAsync(closed.Select(q => q.Id).ToList());
        Closed = closed.Select(q => new ClosedQuestionnaire(q.Slug, q.Title, q.ClosesAt, outcomes[q.Id])).ToList();
    }
}
