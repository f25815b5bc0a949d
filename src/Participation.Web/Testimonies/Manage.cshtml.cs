using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;

namespace Participation.Web.Testimonies;

/// <summary>Staff's list of campaigns: what waits for moderation in each, and closing one early.</summary>
[Authorize(Policy = TestimonyPolicies.Collect)]
public sealed class ManageModel(ParticipationDb db, TimeProvider clock) : FormPageModel
{
    public sealed record Row(Campaign Campaign, int Pending, int Held, int Published, int Kept, int GuardianMissing);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? message)
    {
        Message = message switch
        {
            "cree" => "Le micro-trottoir est créé.",
            "clos" => "Le micro-trottoir est clos : il ne reçoit plus de réponses, sauf celles recueillies avant et encore sur un téléphone.",
            _ => null,
        };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCloseAsync(int id)
    {
        var now = clock.GetUtcNow();
        var closed = await db.Campaigns.Where(c => c.Id == id && c.ClosedAt == null && c.ClosesAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.ClosedAt, now));
        if (closed == 0)
        {
            AddError("", "Ce micro-trottoir est déjà terminé.");
            await LoadAsync();
            return Page();
        }
        return RedirectToPage(new { message = "clos" });
    }

    private async Task LoadAsync()
    {
        Now = clock.GetUtcNow();
        Rows = await db.Campaigns.AsNoTracking()
            .OrderByDescending(c => c.ClosesAt)
            .Select(c => new Row(c,
                db.Testimonies.Count(t => t.CampaignId == c.Id && t.Status == TestimonyStatus.Pending && !t.HeldForSafety),
                db.Testimonies.Count(t => t.CampaignId == c.Id && t.HeldForSafety && t.Status != TestimonyStatus.Withdrawn),
                db.Testimonies.Count(t => t.CampaignId == c.Id && t.Status == TestimonyStatus.Published && !t.HeldForSafety),
                db.Testimonies.Count(t => t.CampaignId == c.Id && t.Status == TestimonyStatus.KeptPrivate),
                db.Testimonies.Count(t => t.CampaignId == c.Id && t.Status != TestimonyStatus.Withdrawn && !t.HeldForSafety && t.GuardianNeeded && t.GuardianAt == null
                    && ((t.Voice != VoiceConsent.NotPublic && t.Media.Any(m => m.Kind != MediaKind.Photo)) || (t.PhotoPublic && t.Media.Any(m => m.Kind == MediaKind.Photo))))))
            .ToListAsync();
    }
}
