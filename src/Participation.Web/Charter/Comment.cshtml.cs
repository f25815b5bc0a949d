using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

/// <summary>Professionals and establishment representatives comment on the practices put to the young people's vote.</summary>
[Authorize(Roles = $"{Roles.Professional},{Roles.Establishment}")]
public sealed class CommentModel(ParticipationDb db, CharterQueries queries, CharterVotes votes, TimeProvider clock) : FormPageModel
{
    public CharterVersion? Version { get; private set; }
    public IReadOnlyList<PracticeView> Practices { get; private set; } = [];
    public ILookup<int, PracticeComment> Mine { get; private set; } = Array.Empty<PracticeComment>().ToLookup(c => c.PracticeId);
    public string? Closed { get; private set; }
    public int? Sent { get; private set; }
    public bool Held { get; private set; }

    [BindProperty] public int PracticeId { get; set; }
    [BindProperty] public string? Text { get; set; }

    public async Task OnGetAsync(int? envoye)
    {
        Sent = envoye;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var answer = await votes.CommentAsync(PracticeId, Actor.From(User), Text);
        if (!answer.Succeeded)
        {
            await LoadAsync();
            var number = Practices.FirstOrDefault(p => p.Id == PracticeId)?.Number;
            AddErrors(answer.Errors.ToDictionary(e => e.Key, e => number is null || e.Key != "Text" ? e.Value : $"Pratique {number} : {e.Value}"));
            return Page();
        }
        if (answer.Value.Held)
        {
            Held = true;
            await LoadAsync();
            return Page();
        }
        return Redirect($"/charte/avis?envoye={PracticeId}#p-{PracticeId}");
    }

    private async Task LoadAsync()
    {
        var now = clock.GetUtcNow();
        Version = await votes.InConsultationAsync();
        if (Version is null || !Version.VoteOpen(now))
        {
            Closed = Version is not null && now < Version.VoteOpensAt
                ? $"La consultation sur la version {Version.Number} ouvre le {CharterDates.Day(Version.VoteOpensAt!.Value)}."
                : "Aucune version de la charte n'est en consultation en ce moment.";
            return;
        }
        Practices = CharterQueries.Numbered(await queries.PracticesAsync(Version.Id));
        var memberId = User.MemberId()!;
        var ids = Practices.Select(p => p.Id).ToList();
        Mine = (await db.PracticeComments.AsNoTracking().Where(c => c.MemberId == memberId && ids.Contains(c.PracticeId)).OrderBy(c => c.At).ToListAsync())
            .ToLookup(c => c.PracticeId);
    }

    public HelpWords Help => HelpWords.Parents;

    public override string? ErrorAnchor(string field) => field == "Text" ? $"#commentaire-{PracticeId}" : null;
}
