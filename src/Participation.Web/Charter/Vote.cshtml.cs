using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

/// <summary>
/// The young people's vote on the version in consultation: one practice per screen, for a phone;
/// pictures and the easy-to-read words first for the 7–10 year-olds. A vote changes until the window closes.
/// </summary>
[Authorize(Roles = Roles.Young)]
public sealed class VoteModel(ParticipationDb db, CharterQueries queries, CharterVotes votes, TimeProvider clock) : FormPageModel
{
    public CharterVersion? Version { get; private set; }
    public IReadOnlyList<PracticeView> Practices { get; private set; } = [];
    public IReadOnlyDictionary<int, PracticeVote> Mine { get; private set; } = new Dictionary<int, PracticeVote>();
    public PracticeView? Current { get; private set; }
    public bool Child { get; private set; }
    public string? Closed { get; private set; }
    public HelpWords? Help { get; private set; }
    public string? Saved { get; private set; }

    /// <summary>The screen, from 1; one past the last is the summary.</summary>
    [BindProperty(SupportsGet = true)] public int N { get; set; } = 1;
    [BindProperty] public int PracticeId { get; set; }
    [BindProperty] public PracticeChoice? Choice { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(string? fait)
    {
        await LoadAsync();
        if (Current is not null && Mine.TryGetValue(Current.Id, out var vote))
        {
            Choice = vote.Choice;
            Comment = vote.CommentHeld ? null : vote.Comment;
        }
        Saved = fait == "1" && N > 1 ? "C'est noté ! Voici la suivante." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var answer = await votes.VoteAsync(PracticeId, Actor.From(User), Choice, Comment);
        await LoadAsync();
        if (!answer.Succeeded)
        {
            AddErrors(answer.Errors);
            return Page();
        }
        if (answer.Value.Held)
        {
            // The words worried the detector: the young person reads at once that a person will read them, and whom to call.
            Help = HelpWords.For(answer.Value.Writer);
            return Page();
        }
        return Redirect($"/charte/vote?n={N + 1}&fait=1#ecran");
    }

    private async Task LoadAsync()
    {
        var now = clock.GetUtcNow();
        var memberId = User.MemberId()!;
        var birthYear = await db.Users.Where(u => u.Id == memberId).Select(u => u.BirthYear).SingleAsync();
        Child = AgeBands.IsChild(birthYear, FrenchDates.ToParis(now).Year);
        Version = await votes.InConsultationAsync();
        if (Version is null)
        {
            Closed = Child ? "Il n'y a pas de vote sur la charte en ce moment." : "Il n'y a pas de vote sur la charte en ce moment. Tu peux lire la charte en vigueur.";
            return;
        }
        if (!Version.VoteOpen(now))
        {
            Closed = now < Version.VoteOpensAt
                ? $"Le vote sur la version {Version.Number} ouvre le {CharterDates.Day(Version.VoteOpensAt!.Value)}."
                : $"Le vote sur la version {Version.Number} est fermé depuis le {CharterDates.Day(Version.VoteClosesAt!.Value)}. Merci à tous ceux qui ont voté !";
            return;
        }
        Practices = CharterQueries.Numbered(await queries.PracticesAsync(Version.Id));
        Mine = await votes.MineAsync(Version.Id, memberId);
        N = Math.Clamp(N, 1, Practices.Count + 1);
        Current = N <= Practices.Count ? Practices[N - 1] : null;
    }

    public static string Picture(PracticeChoice choice) => choice switch
    {
        PracticeChoice.Agree => "👍",
        PracticeChoice.Disagree => "👎",
        _ => "✏️",
    };
}
