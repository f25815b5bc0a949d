using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>
/// A campaign's wall: its published testimonies, each within what its speaker agreed to, with the
/// transcript beside every recording and a description with every photo.
/// </summary>
[AllowAnonymous]
public sealed class WallModel(ParticipationDb db, TimeProvider clock, IAuthorizationService authorization, ICharterMentions charter) : PageModel
{
    public const int PageSize = 20;

    /// <summary>One testimony as the public sees it: only what consent, and a guardian's agreement under 15, allow.</summary>
    public sealed record Card(int Id, string Speaker, DateTimeOffset At, Theme Themes, string? Text, string? VoiceUrl, int? VoiceSeconds, bool VoiceDisguised,
        string? Transcript, string? PhotoUrl, string? PhotoAlt, int? PhotoWidth, int? PhotoHeight, bool MediaDeleted);

    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<Card> Cards { get; private set; } = [];

    /// <summary>The practices of the quality charter each testimony on the page gave rise to.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<CharterMention>> Charter { get; private set; } = new Dictionary<int, IReadOnlyList<CharterMention>>();
    public int Total { get; private set; }
    public int CurrentPage { get; private set; }
    public int PageCount { get; private set; }
    public bool IsOpen { get; private set; }
    public bool MayAnswer { get; private set; }
    public bool MayCollect { get; private set; }

    /// <summary>Signed in, but the question is for other people.</summary>
    public bool NotForMe { get; private set; }
    public IReadOnlyList<Theme> ThemesShown { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "theme")] public string? ThemeFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "qui")] public string? WhoFilter { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug) is not { } campaign)
        {
            return NotFound();
        }
        Campaign = campaign;
        var now = clock.GetUtcNow();
        IsOpen = campaign.IsOpenAt(now);
        MayCollect = IsOpen && (await authorization.AuthorizeAsync(User, TestimonyPolicies.Collect)).Succeeded;
        if (IsOpen && User.Identity?.IsAuthenticated == true && !MayCollect)
        {
            // The button shows only to those the question is for; the others read whom it asks.
            var birthYear = await db.Users.Where(u => u.Id == User.MemberId()).Select(u => u.BirthYear).SingleAsync();
            var (speaker, band) = TestimonyRules.SpeakerOf(User.IsInRole, birthYear, now.Year);
            MayAnswer = speaker is { } who && TestimonyRules.InAudience(campaign, who, band);
            NotForMe = !MayAnswer;
        }

        var published = db.Testimonies.AsNoTracking()
            .Where(t => t.CampaignId == campaign.Id && t.Status == TestimonyStatus.Published && !t.HeldForSafety);
        var allThemes = await published.Select(t => t.Themes).Distinct().ToListAsync();
        ThemesShown = Themes.All.Where(theme => allThemes.Any(t => t.HasFlag(theme))).ToList();

        if (Themes.FromSlug(ThemeFilter) is { } theme)
        {
            published = published.Where(t => (t.Themes & theme) == theme);
        }
        published = WhoFilter switch
        {
            "parent" => published.Where(t => t.Speaker == Speaker.Parent),
            "professionnel" => published.Where(t => t.Speaker == Speaker.Professional),
            { } who when who.StartsWith("jeune-", StringComparison.Ordinal) && AgeBands.FromSlug(who[6..]) is { } band =>
                published.Where(t => t.Speaker == Speaker.Young && t.AgeBand == band),
            _ => published,
        };

        Total = await published.CountAsync();
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        CurrentPage = Math.Min(ResultPages.Requested(Request), PageCount);
        var testimonies = await published.Include(t => t.Media)
            .OrderByDescending(t => t.PublishedAt).ThenByDescending(t => t.Id)
            .Skip((CurrentPage - 1) * PageSize).Take(PageSize)
            .ToListAsync();
        Cards = testimonies.Select(ToCard).ToList();
        Charter = await charter.ForAsync(GroundKind.Testimony, Cards.Select(c => c.Id).ToList());
        return Page();
    }

    public static Card ToCard(Testimony t)
    {
        var voiceKind = t.PublicVoiceKind();
        var voice = voiceKind is null ? null : t.Media.FirstOrDefault(m => m.Kind == voiceKind && t.IsPublic(m));
        var photo = t.Media.FirstOrDefault(m => m.Kind == MediaKind.Photo && t.IsPublic(m));
        return new Card(
            t.Id, TestimonyWords.Speaker(t), t.PublishedAt ?? t.ReceivedAt, t.Themes,
            t.TextPublic ? t.Text : null,
            voice is null ? null : TestimonyMediaEndpoint.Url(voice.FileName), voice?.DurationSeconds, voiceKind == MediaKind.DisguisedVoice,
            voiceKind is not null ? t.Transcript : null,
            photo is null ? null : TestimonyMediaEndpoint.Url(photo.FileName),
            t.PhotoMayBePublic() ? t.PhotoAlt : null, photo?.Width, photo?.Height,
            t.MediaDeletedAt is not null);
    }

    public string Filter(string? theme, string? who)
    {
        var query = new Dictionary<string, string?>();
        if (theme is not null) query["theme"] = theme;
        if (who is not null) query["qui"] = who;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/micro-trottoirs/{Campaign.Slug}", query);
    }
}
