using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Media;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>
/// Answering a campaign: a member for themselves (« repondre »), or a facilitator for several people
/// in a row on one phone (« terrain »). With a script, each answer waits on the phone until it is
/// received; without one, the same form posts as usual.
/// </summary>
[Authorize]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class CollectModel(
    ParticipationDb db, TestimonyIntake intake, MediaStore store, IAuthorizationService authorization, IAntiforgery antiforgery,
    Microsoft.Extensions.Options.IOptions<MediaOptions> media, TimeProvider clock) : FormPageModel
{
    /// <summary>A recording, a photo, the words and the form around them, with room to spare.</summary>
    public const long MaxRequestBytes = 24L * 1024 * 1024;

    public const string FieldMode = "terrain";

    [BindProperty] public Guid ClientId { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public string? WithdrawalCode { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Transcript { get; set; }
    [BindProperty] public string? Profile { get; set; }
    [BindProperty] public bool SignWithPseudonym { get; set; }
    [BindProperty] public bool ConsentGiven { get; set; }
    [BindProperty] public string? ConsentVersion { get; set; }
    [BindProperty] public string? CollectedAt { get; set; }
    [BindProperty] public bool NothingPublic { get; set; }
    [BindProperty] public bool? TextPublic { get; set; }
    [BindProperty] public VoiceConsent? Voice { get; set; }
    [BindProperty] public bool? PhotoPublic { get; set; }
    [BindProperty] public string? GuardianWho { get; set; }
    [BindProperty] public GuardianChannel? GuardianHow { get; set; }
    [BindProperty] public string? GuardianAt { get; set; }
    [BindProperty] public IFormFile? VoiceFile { get; set; }
    [BindProperty] public IFormFile? PhotoFile { get; set; }

    public Campaign Campaign { get; private set; } = null!;
    public bool IsFieldMode { get; private set; }
    public bool IsOpen { get; private set; }
    public string? Refusal { get; private set; }
    public AgeBand? OwnBand { get; private set; }
    public bool OwnUnder15 { get; private set; }
    public bool SpeaksAsAdult { get; private set; }
    public string? ReceivedCode { get; private set; }
    public MediaOptions Limits => media.Value;

    /// <summary>The people the facilitator may collect from, as « Qui parle ? » offers them.</summary>
    public IReadOnlyList<(string Value, string Label, bool Under15)> Profiles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, string mode, string? recu)
    {
        if (await LoadAsync(slug, mode) is { } refused)
        {
            return refused;
        }
        ClientId = Guid.NewGuid();
        GuardianAt = LocalNow();
        if (recu is not null && TempData["code"] is string code)
        {
            ReceivedCode = code;
        }
        return Page();
    }

    /// <summary>A fresh antiforgery token for answers that waited on the phone while the page was closed.</summary>
    public async Task<IActionResult> OnGetTokenAsync(string slug, string mode)
    {
        if (await LoadAsync(slug, mode) is { } refused)
        {
            return refused;
        }
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new { token = antiforgery.GetAndStoreTokens(HttpContext).RequestToken });
    }

    public async Task<IActionResult> OnPostAsync(string slug, string mode)
    {
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);
        if (await LoadAsync(slug, mode) is { } refused)
        {
            return wantsJson ? Json(new Dictionary<string, string> { [""] = Refusal ?? "Vous ne pouvez pas répondre à ce micro-trottoir." }, 403) : refused;
        }
        var member = await db.Users.SingleAsync(u => u.Id == User.MemberId());
        // An answer kept on a phone belongs to whoever was signed in when it was written: on a shared
        // phone, the next person's session never sends it under their name.
        if (Owner is not null && Owner != OwnerKey(member.Id))
        {
            var message = new Dictionary<string, string> { [""] = "Cette réponse a été enregistrée par une autre personne connectée sur ce téléphone : elle partira quand cette personne se connectera à nouveau." };
            if (wantsJson)
            {
                return Json(message, 409);
            }
            AddErrors(message);
            return Page();
        }
        var roles = Roles.All.Where(User.IsInRole).ToList();
        var (speaker, band) = ParseProfile(Profile);
        var working = new List<string>();
        try
        {
            // The processors refuse a file too large, from its length, before reading it.
            var voicePath = await ReceiveAsync(VoiceFile, working);
            var photoPath = await ReceiveAsync(PhotoFile, working);
            var result = await intake.ReceiveAsync(Campaign, new TestimonyInput
            {
                ClientId = ClientId,
                WithdrawalCode = WithdrawalCode,
                Text = Text,
                Transcript = IsFieldMode ? Transcript : null,
                Speaker = speaker,
                AgeBand = band,
                SignWithPseudonym = SignWithPseudonym,
                ConsentGiven = ConsentGiven,
                ConsentVersion = ConsentVersion,
                CollectedAt = ParseMoment(CollectedAt),
                NothingPublic = NothingPublic,
                TextPublic = TextPublic,
                Voice = Voice,
                PhotoPublic = PhotoPublic,
                GuardianWho = GuardianWho,
                GuardianHow = GuardianHow,
                GuardianAt = ParseMoment(GuardianAt),
                VoicePath = voicePath,
                PhotoPath = photoPath,
                FieldMode = IsFieldMode,
            }, member, roles, HttpContext.RequestAborted);
            if (wantsJson)
            {
                return result.Received
                    ? new JsonResult(new { received = true, id = result.TestimonyId, receivedAt = result.ReceivedAt, again = result.AlreadyReceived, code = result.NewWithdrawalCode })
                    : Json(result.Errors, result.Busy ? 429 : 422);
            }
            if (!result.Received)
            {
                AddErrors(result.Errors.ToDictionary(e => e.Key, e => e.Value));
                return Page();
            }
            TempData["code"] = result.NewWithdrawalCode is { } code ? code : WithdrawalCodes.Normalise(WithdrawalCode) is { } given ? WithdrawalCodes.Format(given) : null;
            return RedirectToPage(new { slug, mode, recu = "1" });
        }
        finally
        {
            foreach (var path in working)
            {
                MediaStore.DeleteQuietly(path);
            }
        }
    }

    private async Task<string?> ReceiveAsync(IFormFile? file, List<string> working)
    {
        if (file is null)
        {
            return null;
        }
        var path = store.WorkingPath(".envoi");
        working.Add(path);
        await using var target = System.IO.File.Create(path);
        await file.CopyToAsync(target, HttpContext.RequestAborted);
        return path;
    }

    private static JsonResult Json(IReadOnlyDictionary<string, string> errors, int status) =>
        new(new { received = false, errors = errors.ToDictionary(e => e.Key.Length == 0 ? "_" : e.Key, e => e.Value) }) { StatusCode = status };

    private async Task<IActionResult?> LoadAsync(string slug, string mode)
    {
        HttpContext.Items[SecurityHeaders.MediaCapture] = true;
        if (await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug) is not { } campaign)
        {
            return NotFound();
        }
        Campaign = campaign;
        IsFieldMode = mode == FieldMode;
        var now = clock.GetUtcNow();
        IsOpen = campaign.IsOpenAt(now);
        if (IsFieldMode && !(await authorization.AuthorizeAsync(User, TestimonyPolicies.Collect)).Succeeded)
        {
            return Forbid();
        }
        Profiles = AgeBands.All.Where(b => campaign.AgeBands.HasFlag(b.ToSet()))
            .Select(b => ("jeune-" + b.Slug(), $"Un·e jeune de {b.Label()}", TestimonyRules.NeedsGuardian(Speaker.Young, b)))
            .Concat(campaign.Parents ? [("parent", "Un parent", false)] : [])
            .Concat(campaign.Professionals ? [("professionnel", "Un·e professionnel·le", false)] : [])
            .ToList();
        if (!IsFieldMode)
        {
            var birthYear = await db.Users.Where(u => u.Id == User.MemberId()).Select(u => u.BirthYear).SingleAsync();
            var (speaker, band) = TestimonyRules.SpeakerOf(User.IsInRole, birthYear, now.Year);
            OwnBand = band;
            OwnUnder15 = speaker == Speaker.Young && birthYear is { } year && TestimonyRules.MayBeUnder15(year, now.Year);
            SpeaksAsAdult = speaker != Speaker.Young;
            Refusal = speaker is not { } who ? "Pour recueillir la parole d'autres personnes, utilisez le mode terrain."
                : TestimonyRules.InAudience(campaign, who, band) ? null
                : $"Cette question est posée {TestimonyWords.AudienceTo(campaign)}.";
        }
        if (!IsOpen && Refusal is null)
        {
            Refusal = now < campaign.OpensAt
                ? $"Ce micro-trottoir ouvre le {FrenchDates.Day(campaign.OpensAt)}."
                : $"Ce micro-trottoir est terminé depuis le {FrenchDates.Day(campaign.EndsAt)}.";
        }
        // A closed campaign still receives, for a few days, answers collected before its end on a phone that was offline.
        return null;
    }

    private static (Speaker? Speaker, AgeBand? Band) ParseProfile(string? profile) => profile switch
    {
        "parent" => (Speaker.Parent, null),
        "professionnel" => (Speaker.Professional, null),
        { } p when p.StartsWith("jeune-", StringComparison.Ordinal) && AgeBands.FromSlug(p[6..]) is { } band => (Speaker.Young, band),
        _ => (null, null),
    };

    /// <summary>A moment the phone sent: ISO 8601 with its offset, or the local time of a datetime-local field, read in Paris time.</summary>
    private static DateTimeOffset? ParseMoment(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var hasOffset = value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T', StringComparison.Ordinal) && value.Contains('T', StringComparison.Ordinal);
        if (hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact))
        {
            return exact.ToUniversalTime();
        }
        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var offset = FrenchDates.Paris.GetUtcOffset(local);
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
        }
        return null;
    }

    private string LocalNow() => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), FrenchDates.Paris).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>Tells apart the people who use one phone, without saying who they are.</summary>
    public static string OwnerKey(string memberId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("terrain:" + memberId)))[..20];

    public string CurrentOwner => OwnerKey(User.MemberId()!);

}
