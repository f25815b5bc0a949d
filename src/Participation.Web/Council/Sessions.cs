using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Web.Council;

public sealed record NewSession(string Title, SessionKind Kind, DateTimeOffset StartsAt, string? Place, bool IsRemote, string Theme, AgeBandSet AgeBands, IReadOnlyList<string> Agenda, bool GuestsAllowed = false);

public sealed record NewPoll(string Question, PollKind Kind, IReadOnlyList<string> Options);

public sealed record BandCount(string Band, int Count);

public sealed record IdeaMinute(int Id, string Text, int Supports, int? ProposalId);

public sealed record Minutes(int Participants, IReadOnlyList<BandCount> Attendance, IReadOnlyList<IdeaMinute> Ideas, IReadOnlyList<(string Question, TallyView Result)> Polls);

/// <summary>Sessions before and after the live part: planning, registering, starting, closing, minutes.</summary>
public sealed class Sessions(ParticipationDb db, LiveSessions live, FacilitatorActions room, ProposalService proposals, TimeProvider clock)
{
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public async Task<CommandResult<int>> CreateAsync(NewSession input, string facilitatorId)
    {
        var errors = new Dictionary<string, string>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is < 3 or > CouncilSession.TitleMaxLength)
        {
            errors[nameof(NewSession.Title)] = $"Le titre fait de 3 à {CouncilSession.TitleMaxLength} caractères.";
        }
        if (string.IsNullOrWhiteSpace(input.Theme) || input.Theme.Trim().Length > 80)
        {
            errors[nameof(NewSession.Theme)] = "Indiquez le thème de la séance (80 caractères au plus).";
        }
        if (input.AgeBands == AgeBandSet.None)
        {
            errors[nameof(NewSession.AgeBands)] = "Invitez au moins une tranche d'âge.";
        }
        if (!input.IsRemote && string.IsNullOrWhiteSpace(input.Place))
        {
            errors[nameof(NewSession.Place)] = "Indiquez le lieu, ou cochez « à distance ».";
        }
        if (input.StartsAt < clock.GetUtcNow().AddHours(-12))
        {
            errors[nameof(NewSession.StartsAt)] = "La date est déjà passée.";
        }
        var agenda = input.Agenda.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        if (agenda.Any(a => a.Length > 120))
        {
            errors[nameof(NewSession.Agenda)] = "Chaque point de l'ordre du jour fait 120 caractères au plus.";
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }
        var session = new CouncilSession
        {
            Title = title, Kind = input.Kind, StartsAt = input.StartsAt, Place = input.Place?.Trim(), IsRemote = input.IsRemote,
            Theme = input.Theme.Trim(), AgeBands = input.AgeBands, CreatedAt = clock.GetUtcNow(), GuestsAllowed = input.GuestsAllowed,
            Agenda = agenda.Select((a, i) => new AgendaItem { Title = a, Position = i }).ToList(),
            Facilitators = [new SessionFacilitator { MemberId = facilitatorId }],
        };
        db.CouncilSessions.Add(session);
        await db.SaveChangesAsync();
        return CommandResult.Ok(session.Id);
    }

    public async Task<CommandResult<int>> AddPollAsync(int sessionId, NewPoll input)
    {
        var question = input.Question?.Trim() ?? "";
        var options = input.Kind == PollKind.EmojiScale
            ? PollKinds.EmojiScaleOptions.ToList()
            : input.Options.Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        var errors = new Dictionary<string, string>();
        if (question.Length is < 3 or > Poll.QuestionMaxLength)
        {
            errors[nameof(NewPoll.Question)] = $"La question fait de 3 à {Poll.QuestionMaxLength} caractères.";
        }
        if (options.Count is < 2 or > 10 || options.Any(o => o.Length > 80) || options.Distinct().Count() != options.Count)
        {
            errors[nameof(NewPoll.Options)] = "Donnez de 2 à 10 réponses différentes, d'au plus 80 caractères chacune, une par ligne.";
        }
        if (!await db.CouncilSessions.AnyAsync(s => s.Id == sessionId && s.Status != SessionStatus.Closed))
        {
            errors[""] = "Cette séance est terminée.";
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }
        var poll = new Poll { SessionId = sessionId, Question = question, Kind = input.Kind, Options = options.Select((o, i) => new PollOption { Label = o, Position = i }).ToList() };
        db.Polls.Add(poll);
        await db.SaveChangesAsync();
        return CommandResult.Ok(poll.Id);
    }

    /// <summary>Another facilitator joins the team running the session.</summary>
    public async Task<CommandResult> AddFacilitatorAsync(int sessionId, string memberId)
    {
        var isFacilitator = await db.MembersInRole(Roles.Facilitator).AnyAsync(u => u.Id == memberId);
        if (!isFacilitator)
        {
            return CommandResult.Fail("MemberId", "Choisissez un·e animateur·rice.");
        }
        if (!await db.CouncilSessions.AnyAsync(s => s.Id == sessionId && s.Status != SessionStatus.Closed))
        {
            return CommandResult.Fail("", "Cette séance est terminée.");
        }
        if (await db.SessionFacilitators.AnyAsync(f => f.SessionId == sessionId && f.MemberId == memberId))
        {
            return CommandResult.Fail("MemberId", "Cette personne anime déjà la séance.");
        }
        db.SessionFacilitators.Add(new SessionFacilitator { SessionId = sessionId, MemberId = memberId });
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    public const string OtherAgeBand = "Cette séance est prévue pour une autre tranche d'âge.";

    /// <summary>Whether the session invites this young member's age band: only then may they register or join.</summary>
    public async Task<bool> InvitesAsync(CouncilSession session, string memberId)
    {
        var birthYear = await db.Users.Where(u => u.Id == memberId).Select(u => u.BirthYear).SingleOrDefaultAsync();
        return Invites(session.AgeBands, birthYear, clock.GetLocalNow().Year);
    }

    public static bool Invites(AgeBandSet bands, int? birthYear, int year) =>
        birthYear is { } born && AgeBands.ForBirthYear(born, year) is { } band && bands.HasFlag(band.ToSet());

    public async Task<CommandResult> RegisterAsync(int sessionId, string memberId, bool register)
    {
        var session = await db.CouncilSessions.SingleOrDefaultAsync(s => s.Id == sessionId);
        if (session is null || session.Status == SessionStatus.Closed)
        {
            return CommandResult.Fail("", "Cette séance n'est plus ouverte aux inscriptions.");
        }
        if (!await InvitesAsync(session, memberId))
        {
            return CommandResult.Fail("", OtherAgeBand);
        }
        var existing = await db.Registrations.SingleOrDefaultAsync(r => r.SessionId == sessionId && r.MemberId == memberId);
        if (register && existing is null)
        {
            db.Registrations.Add(new Registration { SessionId = sessionId, MemberId = memberId, CreatedAt = clock.GetUtcNow() });
        }
        else if (!register && existing is not null)
        {
            db.Registrations.Remove(existing);
        }
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    /// <summary>A code no live session uses, to type in or scan from the projector.</summary>
    public static async Task<string> NewJoinCodeAsync(ParticipationDb db)
    {
        string code;
        do
        {
            code = new string(RandomNumberGenerator.GetItems<char>(CodeAlphabet, 6));
        }
        while (await db.CouncilSessions.AnyAsync(s => s.JoinCode == code));
        return code;
    }

    public async Task<CommandResult> StartAsync(int sessionId)
    {
        var session = await db.CouncilSessions.SingleOrDefaultAsync(s => s.Id == sessionId);
        if (session is null || session.Status != SessionStatus.Planned)
        {
            return CommandResult.Fail("", "Cette séance a déjà commencé ou est terminée.");
        }
        session.JoinCode = await NewJoinCodeAsync(db);
        session.Status = SessionStatus.Live;
        session.StartedAt = clock.GetUtcNow();
        session.CurrentAgendaItemId = await db.AgendaItems.Where(a => a.SessionId == sessionId).OrderBy(a => a.Position).Select(a => (int?)a.Id).FirstOrDefaultAsync();
        await db.SaveChangesAsync();
        await live.GetAsync(sessionId);
        return CommandResult.Ok();
    }

    public async Task<CommandResult> CloseAsync(int sessionId)
    {
        var session = await db.CouncilSessions.SingleOrDefaultAsync(s => s.Id == sessionId);
        if (session is null || session.Status != SessionStatus.Live)
        {
            return CommandResult.Fail("", "Cette séance n'est pas en cours.");
        }
        if (session.CurrentPollId is not null)
        {
            await room.ClosePollAsync(sessionId);
            await db.Entry(session).ReloadAsync();
        }
        session.Status = SessionStatus.Closed;
        session.ClosedAt = clock.GetUtcNow();
        session.JoinCode = null;
        session.CurrentPollId = null;
        await db.SaveChangesAsync();
        await db.Polls.Where(p => p.SessionId == sessionId && p.Status == PollStatus.Open)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, PollStatus.Closed).SetProperty(p => p.ClosedAt, clock.GetUtcNow()));
        await room.EndAsync(sessionId);
        return CommandResult.Ok();
    }

    /// <summary>An idea the facilitator retains becomes a proposal whose origin is this session.</summary>
    public async Task<CommandResult<int>> RetainIdeaAsync(int sessionId, int ideaId, Theme themes, Actor facilitator)
    {
        var idea = await db.Ideas.SingleOrDefaultAsync(i => i.Id == ideaId && i.SessionId == sessionId);
        if (idea is null || idea.Status != IdeaStatus.Approved)
        {
            return CommandResult.Fail("", "Seule une idée publiée pendant la séance peut être retenue.");
        }
        if (idea.ProposalId is { } already)
        {
            return CommandResult.Fail("", $"Cette idée est déjà devenue la proposition n° {already}.");
        }
        if (themes == Theme.None)
        {
            return CommandResult.Fail("Themes", "Choisissez au moins un thème pour la proposition.");
        }
        var session = await db.CouncilSessions.SingleAsync(s => s.Id == sessionId);
        var participant = await db.Participants.SingleAsync(p => p.Id == idea.ParticipantId);
        var title = idea.Text.Length <= Proposal.TitleMaxLength ? idea.Text : idea.Text[..(Proposal.TitleMaxLength - 1)] + "…";
        var text = idea.Text.Length >= Proposal.TextMinLength ? idea.Text : $"{idea.Text} (idée de la séance « {session.Title} »)";
        var retained = new RetainedIdea(
            session.Id, session.Title, session.StartsAt, session.AgeBands,
            idea.Id, participant.MemberId, participant.Pseudonym, participant.AgeBand, participant.IsGuest);
        var result = await proposals.SubmitFromSessionAsync(title, text, themes, retained, facilitator);
        if (!result.Succeeded)
        {
            return CommandResult.Fail(result.Errors);
        }
        idea.ProposalId = result.Value;
        await db.SaveChangesAsync();
        return CommandResult.Ok(result.Value);
    }

    public async Task<Minutes> MinutesAsync(int sessionId)
    {
        // Someone removed after voting was there when the poll closed.
        var participants = await db.Participants.Where(p => p.SessionId == sessionId && (!p.Removed || db.Ballots.Any(b => b.ParticipantId == p.Id)))
            .Select(p => new { p.AgeBand, p.IsGuest }).ToListAsync();
        var attendance = AgeBands.All.Select(b => new BandCount(b.Label(), participants.Count(p => p.AgeBand == b))).ToList();
        attendance.Add(new BandCount("invité·es dans la salle", participants.Count(p => p.IsGuest)));
        var ideas = await db.Ideas.Where(i => i.SessionId == sessionId && i.Status == IdeaStatus.Approved).OrderByDescending(i => i.Supports).ThenBy(i => i.Id)
            .Select(i => new IdeaMinute(i.Id, i.Text, i.Supports, i.ProposalId)).ToListAsync();
        var polls = await db.Polls.Where(p => p.SessionId == sessionId && p.Status == PollStatus.Closed).OrderBy(p => p.Id).Select(p => new { p.Id, p.Question }).ToListAsync();
        var results = new List<(string, TallyView)>();
        foreach (var poll in polls)
        {
            results.Add((poll.Question, await room.FinalTallyAsync(poll.Id)));
        }
        return new Minutes(participants.Count, attendance, ideas, results);
    }
}
