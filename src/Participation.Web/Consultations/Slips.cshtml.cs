using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;

namespace Participation.Web.Consultations;

public sealed record Slip(string Code, bool Used, string Link, QrCodes.QrPath Qr);

/// <summary>A sheet of invitation slips to print and cut, each with its code and a QR code to its link.</summary>
[Authorize(Policy = ConsultationPolicies.Manage)]
public sealed class SlipsModel(ParticipationDb db, Responses responses, SiteAddress site) : PageModel
{
    public string QuestionnaireTitle { get; private set; } = "";
    public string BatchLabel { get; private set; } = "";
    public string Address { get; private set; } = "";
    public IReadOnlyList<Language> Languages { get; private set; } = [];
    public IReadOnlyList<Slip> Slips { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int batchId)
    {
        var batch = await db.InvitationBatches.AsNoTracking().Include(b => b.Invitations)
            .SingleOrDefaultAsync(b => b.Id == batchId && b.QuestionnaireId == id);
        var questionnaire = await db.Questionnaires.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id);
        if (batch is null || questionnaire is null)
        {
            return NotFound();
        }
        QuestionnaireTitle = questionnaire.Title;
        BatchLabel = batch.Label;
        Address = site.Typed(Request, "/consultations");
        Languages = Consultations.Languages.All.Where(l => l.Code == Consultations.Languages.FrenchCode || questionnaire.Translations.Contains(l.Code)).ToList();
        Slips = batch.Invitations.OrderBy(i => i.Id).Select(i =>
        {
            var code = responses.Unseal(i);
            var link = site.Link(Request, $"/consultations/{questionnaire.Slug}?code={code}");
            return new Slip(code, i.UsedAt is not null, link, QrCodes.For(link));
        }).ToList();
        return Page();
    }
}
