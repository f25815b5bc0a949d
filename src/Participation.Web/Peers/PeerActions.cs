using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Council;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

public sealed record NewPeerAction(int CircleId, string? Title, string? Text, int? FromThreadId);

/// <summary>The council's vote on an action, as its closed poll counted it.</summary>
public sealed record ActionVote(int For, int Against, int Revise, PollStatus Status, string Session, DateTimeOffset SessionDate);

/// <summary>
/// Peer actions from a circle to the roadmap: the team writes up what a circle proposed, puts it to
/// the Conseil des jeunes as a « pour / contre / à revoir » poll in a live session, records the
/// council's decision against it, and keeps its progress for the public roadmap.
/// </summary>
public sealed class PeerActions(ParticipationDb db, Sessions sessions, TimeProvider clock)
{
    public static readonly string[] Choices = ["Pour", "Contre", "À revoir"];

    public static string Question(string title) => $"Action d'entraide : {title}";

    public async Task<CommandResult<int>> CreateAsync(NewPeerAction input, Actor staff)
    {
        var errors = new Dictionary<string, string>();
        var title = input.Title?.Trim() ?? "";
        var text = input.Text?.Trim() ?? "";
        if (title.Length is < 5 or > PeerAction.TitleMaxLength)
        {
            errors["Title"] = $"Le titre fait de 5 à {PeerAction.TitleMaxLength} caractères (ici : {title.Length}).";
        }
        if (text.Length is < 20 or > PeerAction.TextMaxLength)
        {
            errors["Text"] = $"La description fait de 20 à {PeerAction.TextMaxLength} caractères (ici : {text.Length}) : ce que l'on fera, pour qui, avec qui.";
        }
        if (!await db.PeerCircles.AnyAsync(c => c.Id == input.CircleId))
        {
            errors["CircleId"] = "Choisissez le cercle d'où vient l'action.";
        }
        else if (input.FromThreadId is { } thread && !await db.PeerPosts.AnyAsync(p => p.Id == thread && p.ThreadId == null && p.CircleId == input.CircleId))
        {
            errors["FromThreadId"] = "Ce fil n'existe pas dans ce cercle.";
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }
        var now = clock.GetUtcNow();
        var action = new PeerAction
        {
            CircleId = input.CircleId, Title = title, Text = text, FromThreadId = input.FromThreadId, Status = PeerActionStatus.Proposed,
            ProposedById = staff.MemberId, CreatedAt = now, UpdatedAt = now,
        };
        db.PeerActions.Add(action);
        await db.SaveChangesAsync();
        return CommandResult.Ok(action.Id);
    }

    /// <summary>Adds the « pour / contre / à revoir » poll to a session the staff member runs.</summary>
    public async Task<CommandResult> SendToCouncilAsync(int actionId, int sessionId, Actor staff)
    {
        if (await db.PeerActions.SingleOrDefaultAsync(a => a.Id == actionId) is not { } action)
        {
            return CommandResult.Fail("", "Cette action n'existe pas.");
        }
        if (action.Status is not (PeerActionStatus.Proposed or PeerActionStatus.ToRevise))
        {
            return CommandResult.Fail("", "Cette action est déjà passée au vote du Conseil.");
        }
        var session = await db.CouncilSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId);
        if (session is null || session.Status == SessionStatus.Closed)
        {
            return CommandResult.Fail("SessionId", "Choisissez une séance du Conseil des jeunes à venir ou en cours.");
        }
        if (!staff.Roles.Contains(Roles.Admin) && !await db.SessionFacilitators.AnyAsync(f => f.SessionId == sessionId && f.MemberId == staff.MemberId))
        {
            return CommandResult.Fail("SessionId", "Vous n'animez pas cette séance : demandez à l'un·e de ses animateur·rice·s, ou ajoutez-vous à son équipe.");
        }
        var poll = await sessions.AddPollAsync(sessionId, new NewPoll(Question(action.Title), PollKind.SingleChoice, Choices));
        if (!poll.Succeeded)
        {
            return poll.WithoutValue();
        }
        action.PollId = poll.Value;
        action.Status = PeerActionStatus.InCouncilVote;
        action.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    /// <summary>The council's count, read from its poll; null before the action went to a vote.</summary>
    public async Task<ActionVote?> VoteAsync(PeerAction action)
    {
        if (action.PollId is not { } pollId || await db.Polls.AsNoTracking().Include(p => p.Options).SingleOrDefaultAsync(p => p.Id == pollId) is not { } poll)
        {
            return null;
        }
        var session = await db.CouncilSessions.AsNoTracking().Where(s => s.Id == poll.SessionId).Select(s => new { s.Title, s.StartsAt }).SingleAsync();
        var choices = await db.Ballots.Where(b => b.PollId == pollId).GroupBy(b => b.Choice).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        int Count(int position) => poll.Options.FirstOrDefault(o => o.Position == position) is { } option
            ? choices.FirstOrDefault(c => c.Key == option.Id.ToString(CultureInfo.InvariantCulture))?.Count ?? 0
            : 0;
        return new ActionVote(Count(0), Count(1), Count(2), poll.Status, session.Title, session.StartsAt);
    }

    /// <summary>The facilitator records the council's decision once its poll is closed, with who carries an adopted action.</summary>
    public async Task<CommandResult> RecordDecisionAsync(int actionId, PeerActionStatus? decision, string? carriers, Actor staff)
    {
        if (await db.PeerActions.SingleOrDefaultAsync(a => a.Id == actionId) is not { } action)
        {
            return CommandResult.Fail("", "Cette action n'existe pas.");
        }
        if (action.Status != PeerActionStatus.InCouncilVote || await VoteAsync(action) is not { } vote)
        {
            return CommandResult.Fail("", "Cette action n'est pas au vote du Conseil.");
        }
        if (vote.Status != PollStatus.Closed)
        {
            return CommandResult.Fail("Decision", "Le vote n'est pas encore clos : fermez-le pendant la séance, puis enregistrez la décision.");
        }
        if (decision is not (PeerActionStatus.Adopted or PeerActionStatus.Rejected or PeerActionStatus.ToRevise))
        {
            return CommandResult.Fail("Decision", "Choisissez la décision du Conseil : adoptée, à revoir ou non retenue.");
        }
        var who = carriers?.Trim();
        if (decision == PeerActionStatus.Adopted && string.IsNullOrEmpty(who))
        {
            return CommandResult.Fail("Carriers", "Dites qui porte l'action adoptée : elle sera sur la feuille de route avec ce nom (un groupe, un service, jamais le nom d'un·e jeune).");
        }
        if (who is { Length: > PeerAction.CarriersMaxLength })
        {
            return CommandResult.Fail("Carriers", $"{PeerAction.CarriersMaxLength} caractères au plus (ici : {who.Length}).");
        }
        var now = clock.GetUtcNow();
        action.Status = decision.Value;
        action.VotesFor = vote.For;
        action.VotesAgainst = vote.Against;
        action.VotesRevise = vote.Revise;
        action.DecidedAt = now;
        action.DecidedById = staff.MemberId;
        action.Carriers = string.IsNullOrEmpty(who) ? null : who;
        action.UpdatedAt = now;
        if (decision == PeerActionStatus.ToRevise)
        {
            // Revised, it can go back to a later session with a new poll.
            action.PollId = null;
        }
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    public async Task<CommandResult> UpdateProgressAsync(int actionId, PeerActionStatus? status, string? progress, Actor staff)
    {
        if (await db.PeerActions.SingleOrDefaultAsync(a => a.Id == actionId) is not { } action)
        {
            return CommandResult.Fail("", "Cette action n'existe pas.");
        }
        if (action.Status is not (PeerActionStatus.Adopted or PeerActionStatus.Started or PeerActionStatus.Done))
        {
            return CommandResult.Fail("", "Seule une action adoptée par le Conseil avance sur la feuille de route.");
        }
        if (status is not (PeerActionStatus.Adopted or PeerActionStatus.Started or PeerActionStatus.Done))
        {
            return CommandResult.Fail("Status", "Choisissez : adoptée, en cours ou réalisée.");
        }
        var text = progress?.Trim();
        if (status == PeerActionStatus.Done && string.IsNullOrEmpty(text))
        {
            return CommandResult.Fail("Progress", "Dites ce qui a été fait : c'est ce que la feuille de route montrera.");
        }
        if (text is { Length: > PeerAction.NoteMaxLength })
        {
            return CommandResult.Fail("Progress", $"{PeerAction.NoteMaxLength} caractères au plus (ici : {text.Length}).");
        }
        action.Status = status.Value;
        action.Progress = string.IsNullOrEmpty(text) ? action.Progress : text;
        action.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }
}
