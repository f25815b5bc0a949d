using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>
/// One campaign for its staff: facilitators record the guardians' agreements still missing;
/// moderators read the testimonies by state. Held testimonies are listed only to those who
/// watch over safety.
/// </summary>
[Authorize(Policy = TestimonyPolicies.Collect)]
public sealed class QueueModel(ParticipationDb db, TestimonyModeration moderation, IAuthorizationService authorization) : FormPageModel
{
    public sealed record Row(Testimony Testimony, string? Pseudonym);

    public static readonly (string Slug, string Label)[] States =
    [
        ("a-moderer", "À modérer"), ("retenus", "Retenus (urgence)"), ("publies", "Publiés"), ("schema", "Pour le schéma"), ("ecartes", "Écartés"),
    ];

    [BindProperty] public int TestimonyId { get; set; }
    [BindProperty] public string? GuardianWho { get; set; }
    [BindProperty] public GuardianChannel? GuardianHow { get; set; }
    [BindProperty] public DateTimeOffset? GuardianAt { get; set; }

    public Campaign Campaign { get; private set; } = null!;
    public bool MayModerate { get; private set; }
    public string State { get; private set; } = "a-moderer";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Row> GuardianMissing { get; private set; } = [];
    public int Withdrawn { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? etat, string? message)
    {
        Message = message == "accord" ? "L'accord du représentant légal est enregistré : la voix et la photo peuvent maintenant être publiées, selon le consentement." : null;
        return await LoadAsync(id, etat) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostGuardianAsync(int id)
    {
        if (!await db.Testimonies.AnyAsync(t => t.Id == TestimonyId && t.CampaignId == id))
        {
            return NotFound();
        }
        var result = await moderation.RecordGuardianAsync(TestimonyId, GuardianWho, GuardianHow, GuardianAt, Actor.From(User));
        if (!result.Succeeded)
        {
            AddErrors(result.Errors.ToDictionary(e => e.Key, e => $"Témoignage n° {TestimonyId.ToString(CultureInfo.InvariantCulture)} : {e.Value}"));
            return await LoadAsync(id, null) ? Page() : NotFound();
        }
        return RedirectToPage(new { id, message = "accord" });
    }

    private async Task<bool> LoadAsync(int id, string? state)
    {
        if (await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id) is not { } campaign)
        {
            return false;
        }
        Campaign = campaign;
        MayModerate = (await authorization.AuthorizeAsync(User, TestimonyPolicies.Moderate)).Succeeded;
        State = States.Any(s => s.Slug == state) ? state! : "a-moderer";
        var all = db.Testimonies.AsNoTracking().Where(t => t.CampaignId == id);
        Withdrawn = await all.CountAsync(t => t.Status == TestimonyStatus.Withdrawn);
        // Only where a voice or a photo waits for it: words alone need no agreement.
        GuardianMissing = await RowsAsync(all.Where(t => t.Status != TestimonyStatus.Withdrawn && !t.HeldForSafety && t.GuardianNeeded && t.GuardianAt == null
            && ((t.Voice != VoiceConsent.NotPublic && t.Media.Any(m => m.Kind != MediaKind.Photo)) || (t.PhotoPublic && t.Media.Any(m => m.Kind == MediaKind.Photo)))));
        if (MayModerate)
        {
            var chosen = State switch
            {
                "retenus" => User.WatchesOverSafety() ? all.Where(t => t.HeldForSafety && t.Status != TestimonyStatus.Withdrawn) : all.Where(t => false),
                "publies" => all.Where(t => t.Status == TestimonyStatus.Published && !t.HeldForSafety),
                "schema" => all.Where(t => t.Status == TestimonyStatus.KeptPrivate && !t.HeldForSafety),
                "ecartes" => all.Where(t => t.Status == TestimonyStatus.Rejected && !t.HeldForSafety),
                _ => all.Where(t => t.Status == TestimonyStatus.Pending && !t.HeldForSafety),
            };
            Rows = await RowsAsync(chosen);
        }
        return true;
    }

    private async Task<IReadOnlyList<Row>> RowsAsync(IQueryable<Testimony> testimonies) =>
        await testimonies.Include(t => t.Media).OrderBy(t => t.ReceivedAt).Take(200)
            .Select(t => new Row(t, t.MemberId == null ? null : db.Users.Where(u => u.Id == t.MemberId).Select(u => u.Pseudonym).FirstOrDefault()))
            .ToListAsync();

    public static string Contents(Testimony t) => string.Join(" · ", new[]
    {
        t.Text is null ? null : "texte",
        t.Media.Any(m => m.Kind == MediaKind.Voice) ? "voix" : null,
        t.Media.Any(m => m.Kind == MediaKind.DisguisedVoice) ? "voix transformée" : null,
        t.Media.Any(m => m.Kind == MediaKind.Photo) ? "photo" : null,
    }.Where(x => x is not null));
}
