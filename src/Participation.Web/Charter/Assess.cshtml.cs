using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

/// <summary>An establishment's yearly self-assessment of every practice of the charter in force, by its own representative.</summary>
[Authorize(Roles = Roles.Establishment)]
public sealed class AssessModel(ParticipationDb db, CharterFollowUp followUp) : FormPageModel
{
    public Establishment? Place { get; private set; }
    public VersionSummary? Version { get; private set; }
    public IReadOnlyList<PracticeView> Practices { get; private set; } = [];
    public int Year => followUp.CurrentYear;
    public bool Saved { get; private set; }

    /// <summary>A comment said a child may be in danger: it went to the safeguarding team instead of the follow-up.</summary>
    public bool Held { get; private set; }

    /// <summary>What the form shows for each practice: what was typed after a refusal, else what is recorded.</summary>
    public Dictionary<int, (PracticeLevel? Level, string? Comment)> Answers { get; private set; } = [];

    public async Task OnGetAsync(string? fait)
    {
        Saved = fait is "1" or "vigilance";
        Held = fait == "vigilance";
        await LoadAsync();
        if (Place is not null)
        {
            var own = await followUp.OwnAsync(Place.Id, Year);
            Answers = Practices.ToDictionary(p => p.Key, p => own.TryGetValue(p.Key, out var a) ? ((PracticeLevel?)a.Level, a.Comment) : (null, null));
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        Answers = Practices.ToDictionary(p => p.Key, p => (
            Enum.TryParse<PracticeLevel>(Request.Form[$"Level-{p.Key.ToString(CultureInfo.InvariantCulture)}"], out var level) ? (PracticeLevel?)level : null,
            (string?)Request.Form.Tidied($"Comment-{p.Key.ToString(CultureInfo.InvariantCulture)}")));
        var (errors, held) = await followUp.AssessAsync(Actor.From(User), Place?.Id ?? 0, Answers);
        if (errors.Count > 0)
        {
            AddErrors(errors);
            return Page();
        }
        return Redirect(held > 0 ? "/etablissement/charte/suivi?fait=vigilance" : "/etablissement/charte/suivi?fait=1");
    }

    private async Task LoadAsync()
    {
        var memberId = User.MemberId()!;
        Place = await db.Users.AsNoTracking().Where(u => u.Id == memberId).Select(u => u.Establishment).SingleOrDefaultAsync();
        (Version, Practices) = await followUp.FollowedAsync();
    }

    public override string? ErrorAnchor(string field) => field.StartsWith("Level-", StringComparison.Ordinal) ? $"#niveau-{field[6..]}" : null;
}
