using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>Staff start a campaign: one question, a theme, dates and the people it asks.</summary>
[Authorize(Policy = TestimonyPolicies.Collect)]
public sealed class NewModel(ParticipationDb db, TimeProvider clock) : FormPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Question { get; set; }
    [BindProperty] public string? Theme { get; set; }
    [BindProperty] public DateOnly? Opens { get; set; }
    [BindProperty] public DateOnly? Closes { get; set; }
    [BindProperty] public List<string> Bands { get; set; } = [];
    [BindProperty] public bool Parents { get; set; }
    [BindProperty] public bool Professionals { get; set; }

    public void OnGet()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), FrenchDates.Paris).DateTime);
        Opens = today;
        Closes = today.AddDays(30);
        Bands = [AgeBand.From11To14.Slug(), AgeBand.From15To17.Slug(), AgeBand.From18To25.Slug()];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var title = Title?.Trim() ?? "";
        var question = Question?.Trim() ?? "";
        if (title.Length is < 3 or > Campaign.TitleMaxLength)
        {
            AddError("Title", $"Le titre compte de 3 à {Campaign.TitleMaxLength} caractères.");
        }
        if (question.Length is < 10 or > Campaign.QuestionMaxLength)
        {
            AddError("Question", $"La question compte de 10 à {Campaign.QuestionMaxLength} caractères.");
        }
        var theme = Themes.FromSlug(Theme);
        if (theme is null)
        {
            AddError("Theme", "Choisissez le thème de la question.");
        }
        if (Opens is null || Closes is null)
        {
            AddError("Dates", "Indiquez la date d'ouverture et la date de fin.");
        }
        else if (Closes < Opens)
        {
            AddError("Dates", "La date de fin vient avant la date d'ouverture.");
        }
        var bands = AgeBandSet.None;
        foreach (var slug in Bands)
        {
            bands |= AgeBands.FromSlug(slug)?.ToSet() ?? AgeBandSet.None;
        }
        if (bands == AgeBandSet.None && !Parents && !Professionals)
        {
            AddError("Audience", "Choisissez à qui la question s'adresse : au moins une tranche d'âge, les parents ou les professionnel·les.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var campaign = new Campaign
        {
            Slug = await UniqueSlugAsync(title),
            Title = title,
            Question = question,
            Theme = theme!.Value,
            OpensAt = Midnight(Opens!.Value),
            ClosesAt = Midnight(Closes!.Value.AddDays(1)),
            AgeBands = bands,
            Parents = Parents,
            Professionals = Professionals,
            CreatedById = User.MemberId()!,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return RedirectToPage("/Testimonies/Manage", new { message = "cree" });
    }

    private static DateTimeOffset Midnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, FrenchDates.Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    private async Task<string> UniqueSlugAsync(string title)
    {
        var slug = Slugify(title);
        var candidate = slug;
        for (var n = 2; await db.Campaigns.AnyAsync(c => c.Slug == candidate); n++)
        {
            candidate = $"{slug}-{n.ToString(CultureInfo.InvariantCulture)}";
        }
        return candidate;
    }

    /// <summary>« Ton foyer idéal ? » becomes « ton-foyer-ideal ».</summary>
    public static string Slugify(string title)
    {
        var text = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }
        var slug = text.ToString().Trim('-');
        if (slug.Length > 60)
        {
            slug = slug[..60].Trim('-');
        }
        return slug.Length == 0 ? "micro-trottoir" : slug;
    }
}
