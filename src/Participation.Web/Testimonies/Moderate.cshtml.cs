using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Media;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>
/// A moderator's page for one testimony: hear it, transcribe it, describe and blur the photo, check
/// consent and the guardian's agreement, then publish, keep for the schéma or set aside, and make it
/// a proposal or join it to one.
/// </summary>
[Authorize(Policy = TestimonyPolicies.Moderate)]
public sealed class ModerateModel(ParticipationDb db, TestimonyModeration moderation, TestimonyEvidence evidence, RiskDetector detector) : FormPageModel
{
    /// <summary>The nine cells of the keyboard blur: a photo's thirds across and down.</summary>
    public static readonly (string Slug, string Label, BlurArea Area)[] Cells =
    [
        ("hg", "en haut à gauche", new(0, 0, 1 / 3d, 1 / 3d)), ("hc", "en haut au centre", new(1 / 3d, 0, 1 / 3d, 1 / 3d)), ("hd", "en haut à droite", new(2 / 3d, 0, 1 / 3d, 1 / 3d)),
        ("mg", "au milieu à gauche", new(0, 1 / 3d, 1 / 3d, 1 / 3d)), ("mc", "au centre", new(1 / 3d, 1 / 3d, 1 / 3d, 1 / 3d)), ("md", "au milieu à droite", new(2 / 3d, 1 / 3d, 1 / 3d, 1 / 3d)),
        ("bg", "en bas à gauche", new(0, 2 / 3d, 1 / 3d, 1 / 3d)), ("bc", "en bas au centre", new(1 / 3d, 2 / 3d, 1 / 3d, 1 / 3d)), ("bd", "en bas à droite", new(2 / 3d, 2 / 3d, 1 / 3d, 1 / 3d)),
    ];

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Transcript { get; set; }
    [BindProperty] public string? PhotoAlt { get; set; }
    [BindProperty] public List<string> Themes { get; set; } = [];
    [BindProperty] public string? Areas { get; set; }
    [BindProperty] public List<string> Cells3 { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? GuardianWho { get; set; }
    [BindProperty] public GuardianChannel? GuardianHow { get; set; }
    [BindProperty] public DateTimeOffset? GuardianAt { get; set; }
    [BindProperty] public int? ProposalId { get; set; }
    [BindProperty] public bool DetailsChecked { get; set; }

    public Testimony Testimony { get; private set; } = null!;

    /// <summary>The personal details found in the words, as the moderator reads them.</summary>
    public IReadOnlyList<string> Details { get; private set; } = [];
    public string? Pseudonym { get; private set; }
    public string? CollectorPseudonym { get; private set; }
    public IReadOnlyList<(int Id, string Title, EvidenceKind Kind)> Proposals { get; private set; } = [];
    public string? Message { get; private set; }

    /// <summary>The next testimony of the campaign waiting for a moderator, to go on without going back to the list.</summary>
    public int? NextId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? message)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Message = message switch
        {
            "enregistre" => "C'est enregistré.",
            "floute" => "Les zones sont floutées. L'image d'origine est effacée.",
            "publie" when Testimony.GuardianMissing() && (Testimony.Voice != VoiceConsent.NotPublic || Testimony.PhotoPublic) =>
                "Le texte est publié sur le mur. La voix et la photo attendent l'accord du représentant légal.",
            "publie" => "Le témoignage est publié sur le mur.",
            "garde" => "Le témoignage est gardé pour le schéma, sans être publié.",
            "ecarte" => "Le témoignage est écarté.",
            "remis" => "Le témoignage est de nouveau à modérer.",
            "accord" => "L'accord du représentant légal est enregistré.",
            "joint" => "Le témoignage est joint à la proposition ; son historique le dit.",
            _ => null,
        };
        if (message is "publie" or "garde" or "ecarte")
        {
            NextId = await db.Testimonies
                .Where(t => t.CampaignId == Testimony.CampaignId && t.Id != id && t.Status == TestimonyStatus.Pending && !t.HeldForSafety)
                .OrderBy(t => t.ReceivedAt).Select(t => (int?)t.Id).FirstOrDefaultAsync();
        }
        return Page();
    }

    public Task<IActionResult> OnPostWordsAsync(int id) =>
        ActAsync(id, "enregistre", () => moderation.SaveWordsAsync(id, Text, Transcript, PhotoAlt, ParseThemes(), Actor.From(User), DetailsChecked));

    public Task<IActionResult> OnPostBlurAsync(int id) =>
        ActAsync(id, "floute", () => moderation.BlurAsync(id, ParseAreas()));

    public Task<IActionResult> OnPostGuardianAsync(int id) =>
        ActAsync(id, "accord", () => moderation.RecordGuardianAsync(id, GuardianWho, GuardianHow, GuardianAt, Actor.From(User)));

    /// <summary>Publishing from the words' form saves what was typed first: nothing typed is lost to a missing click.</summary>
    public Task<IActionResult> OnPostPublishAsync(int id) =>
        ActAsync(id, "publie", async () =>
        {
            if (Request.HasFormContentType && (Request.Form.ContainsKey(nameof(Transcript)) || Request.Form.ContainsKey(nameof(PhotoAlt)) || Request.Form.ContainsKey(nameof(Text))))
            {
                var saved = await moderation.SaveWordsAsync(id, Text, Transcript, PhotoAlt, ParseThemes(), Actor.From(User), DetailsChecked);
                if (!saved.Succeeded)
                {
                    return saved;
                }
            }
            return await moderation.PublishAsync(id, Actor.From(User));
        });

    public Task<IActionResult> OnPostKeepAsync(int id) =>
        ActAsync(id, "garde", () => moderation.SetAsideAsync(id, TestimonyStatus.KeptPrivate, Reason, Actor.From(User)));

    public Task<IActionResult> OnPostRejectAsync(int id) =>
        ActAsync(id, "ecarte", () => moderation.SetAsideAsync(id, TestimonyStatus.Rejected, Reason, Actor.From(User)));

    public Task<IActionResult> OnPostPendingAsync(int id) =>
        ActAsync(id, "remis", () => moderation.SetAsideAsync(id, TestimonyStatus.Pending, null, Actor.From(User)));

    public Task<IActionResult> OnPostAttachAsync(int id) =>
        ActAsync(id, "joint", () => ProposalId is { } proposal
            ? evidence.AttachAsync(id, proposal, Actor.From(User))
            : Task.FromResult(CommandResult.Fail("ProposalId", "Indiquez le numéro de la proposition.")));

    private async Task<IActionResult> ActAsync(int id, string done, Func<Task<CommandResult>> action)
    {
        if (!await db.Testimonies.AnyAsync(t => t.Id == id))
        {
            return NotFound();
        }
        var result = await action();
        if (result.Succeeded)
        {
            return RedirectToPage(new { id, message = done });
        }
        AddErrors(result.Errors);
        var typed = (Text, Transcript, PhotoAlt);
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        // What was typed stays in the fields, next to its message; a field another form did not send keeps what is stored.
        var form = Request.HasFormContentType ? Request.Form : null;
        Text = form?.ContainsKey(nameof(Text)) == true ? typed.Text : Text;
        Transcript = form?.ContainsKey(nameof(Transcript)) == true ? typed.Transcript : Transcript;
        PhotoAlt = form?.ContainsKey(nameof(PhotoAlt)) == true ? typed.PhotoAlt : PhotoAlt;
        return Page();
    }

    private Theme ParseThemes()
    {
        var themes = Theme.None;
        foreach (var slug in Themes)
        {
            themes |= Shared.Themes.FromSlug(slug) ?? Theme.None;
        }
        return themes;
    }

    /// <summary>Rectangles drawn on the photo (« x,y,w,h » in fractions, separated by « ; »), and the cells ticked.</summary>
    private List<BlurArea> ParseAreas()
    {
        var areas = new List<BlurArea>();
        foreach (var part in (Areas ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(50))
        {
            var numbers = part.Split(',').Select(n => double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
            if (numbers.Length == 4)
            {
                areas.Add(new BlurArea(numbers[0], numbers[1], numbers[2], numbers[3]));
            }
        }
        areas.AddRange(Cells.Where(c => Cells3.Contains(c.Slug)).Select(c => c.Area));
        return areas;
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await moderation.FindAsync(id) is not { } testimony)
        {
            return false;
        }
        Testimony = testimony;
        // What the detector sees now, so the moderator knows what to take out and where.
        Details = testimony.PersonalDetails
            ? detector.Scan(string.Join("\n", new[] { testimony.Text, testimony.Transcript }.Where(w => w is not null))).PersonalDetails
                .Where(d => d.Kind != PersonalDetailKind.MeetUp)
                .Select(d => $"« {d.Excerpt} » ({RiskNames.Label(d.Kind).ToLowerInvariant()})").Distinct().ToList()
            : [];
        Text = testimony.Text;
        Transcript = testimony.Transcript;
        PhotoAlt = testimony.PhotoAlt;
        Themes = testimony.Themes.Split().Select(t => t.Slug()).ToList();
        Pseudonym = testimony.MemberId is null ? null : await db.Users.Where(u => u.Id == testimony.MemberId).Select(u => u.Pseudonym).FirstOrDefaultAsync();
        CollectorPseudonym = await db.Users.Where(u => u.Id == testimony.CollectedById).Select(u => u.Pseudonym).FirstOrDefaultAsync();
        Proposals = (await (from link in db.ProposalTestimonies
                            join p in db.Proposals on link.ProposalId equals p.Id
                            where link.TestimonyId == id
                            select new { p.Id, p.Title, link.Kind }).ToListAsync())
            .Select(x => (x.Id, x.Title, x.Kind)).ToList();
        return true;
    }
}
