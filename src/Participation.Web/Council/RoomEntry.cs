using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Council;

public sealed record ResolvedParticipant(int Id, string? Error)
{
    public static ResolvedParticipant Refused(string error) => new(0, error);
}

/// <summary>Coming into a live session: who may, as whom, and facilitators' right to run it.</summary>
public sealed class RoomEntry(IServiceScopeFactory scopes, LiveSessions live, RoomBus bus, Safeguard safeguard, MemberNames members, TimeProvider clock)
{
    public const string GuestNameShape = "Ton pseudo fait de 2 à 20 lettres ou chiffres, en un seul mot (tu peux utiliser - ou _). Pas ton vrai nom\u00A0!";
    public const string Ended = "La séance est terminée.";

    public Task<bool> IsFacilitatorAsync(int sessionId, ClaimsPrincipal? user) =>
        user?.MemberId() is not { } memberId || !user.IsFacilitatorOrAdmin()
            ? Task.FromResult(false)
            : user.IsInRole(Roles.Admin)
                ? Task.FromResult(true)
                : scopes.WithDbAsync(db => db.SessionFacilitators.AnyAsync(f => f.SessionId == sessionId && f.MemberId == memberId));

    /// <summary>A young member signed in, or a guest holding this session's cookie.</summary>
    public async Task<ResolvedParticipant> ResolveParticipantAsync(int sessionId, ClaimsPrincipal? user, int? guestId)
    {
        var session = await live.GetAsync(sessionId);
        if (session is null)
        {
            var ended = await scopes.WithDbAsync(db => db.CouncilSessions.AnyAsync(s => s.Id == sessionId && s.Status == SessionStatus.Closed));
            return ResolvedParticipant.Refused(ended ? Ended : "Cette séance n'a pas encore commencé.");
        }
        ResolvedParticipant result;
        if (user?.MemberId() is { } memberId && user.IsInRole(Roles.Young))
        {
            result = await scopes.WithDbAsync(async db =>
            {
                var existing = await db.Participants.Where(p => p.SessionId == sessionId && p.MemberId == memberId).SingleOrDefaultAsync();
                if (existing is null)
                {
                    var member = await db.Users.Where(u => u.Id == memberId).Select(u => new { u.Pseudonym, u.BirthYear }).SingleAsync();
                    var bands = await db.CouncilSessions.Where(s => s.Id == sessionId).Select(s => s.AgeBands).SingleAsync();
                    if (!Sessions.Invites(bands, member.BirthYear, clock.GetLocalNow().Year))
                    {
                        return ResolvedParticipant.Refused(Sessions.OtherAgeBand);
                    }
                    existing = new Participant
                    {
                        SessionId = sessionId, MemberId = memberId, Pseudonym = member.Pseudonym, JoinedAt = clock.GetUtcNow(),
                        AgeBand = member.BirthYear is { } year ? AgeBands.ForBirthYear(year, clock.GetLocalNow().Year) : null,
                    };
                    db.Participants.Add(existing);
                    try
                    {
                        await db.SaveChangesAsync();
                    }
                    catch (DbUpdateException)
                    {
                        // Joined from two screens at the same moment: the other one made the participant.
                        db.ChangeTracker.Clear();
                        existing = await db.Participants.Where(p => p.SessionId == sessionId && p.MemberId == memberId).SingleAsync();
                    }
                }
                return new ResolvedParticipant(existing.Id, null);
            });
            if (result.Error is not null)
            {
                return result;
            }
            if (!session.Knows(result.Id))
            {
                await bus.PublishOrLogAsync(new ParticipantArrived(sessionId, result.Id, user.Pseudonym()));
            }
        }
        else if (guestId is { } id)
        {
            result = new ResolvedParticipant(id, null);
        }
        else
        {
            return ResolvedParticipant.Refused("Connecte-toi, ou rejoins la séance avec son code.");
        }
        return session.IsRemoved(result.Id) ? ResolvedParticipant.Refused(ParticipantActions.RemovedMessage) : result;
    }

    /// <summary>The live session a code opens, if any.</summary>
    public Task<int?> LiveSessionOfAsync(string? code)
    {
        var typed = (code ?? "").Trim().ToUpperInvariant().Replace(" ", "").Replace("-", "");
        return scopes.WithDbAsync(db => db.CouncilSessions.Where(s => s.JoinCode == typed && s.Status == SessionStatus.Live).Select(s => (int?)s.Id).SingleOrDefaultAsync());
    }

    /// <summary>Adds a guest who typed the code shown in the room.</summary>
    /// <param name="alreadyHere">The participant this browser already is in a session, from its guest cookie.</param>
    /// <param name="takePlace">Takes a place for one more guest in the session, or says why there is none.</param>
    public async Task<(int? ParticipantId, int? SessionId, string? Error)> JoinAsGuestAsync(string? code, string? pseudonym,
        Func<int, int?>? alreadyHere = null, Func<int, Task<string?>>? takePlace = null)
    {
        var typed = (code ?? "").Trim().ToUpperInvariant().Replace(" ", "").Replace("-", "");
        var name = (pseudonym ?? "").Trim();
        if (typed.Length != 6)
        {
            return (null, null, "Le code de la séance a 6 caractères : il est affiché au tableau.");
        }
        // Latin letters (accents included), digits, « - » and « _ », in one word: no look-alike letters
        // from other scripts, no blank letters, no first name and surname, so that nobody passes for
        // someone else on the console or the wall.
        if (name.Length is < 2 or > 20 || !name.All(c => (char.IsLetterOrDigit(c) && c < '\u0250') || c is '-' or '_')
            || name.Count(char.IsLetterOrDigit) < 2)
        {
            return (null, null, GuestNameShape);
        }
        // Shown on the wall and the console: no phone number, no school, nothing the detector would hold.
        if (!safeguard.Screen(name, Writer.Young).Report.IsClear)
        {
            return (null, null, "Choisis un autre pseudo : pas de numéro, pas de nom d'école ou de foyer, rien qui parle de toi ou de quelqu'un.");
        }
        var sessionId = await LiveSessionOfAsync(typed);
        if (sessionId is not { } id || await live.GetAsync(id) is not { } session)
        {
            return (null, null, "Ce code ne correspond à aucune séance en cours. Vérifie-le au tableau.");
        }
        // A browser already in the room comes back as itself: no second ballot under a new name, and no way back once removed.
        if (alreadyHere?.Invoke(id) is { } previous)
        {
            return session.IsRemoved(previous) ? (null, null, ParticipantActions.RemovedMessage) : (previous, id, null);
        }
        if (!session.GuestsAllowed)
        {
            return (null, null, "La séance n'est pas encore ouverte avec un code. Attends le signal de l'équipe d'animation.");
        }
        // Nobody passes for someone else: a pseudonym already in the room (« Comete » is « Comète »,
        // « COMÈTE » and « Comètte »), or a member's, is taken.
        if (session.HasPseudonymLike(name) || await members.LooksLikeAMemberAsync(name)
            || await scopes.WithDbAsync(db => db.Users.AnyAsync(u => u.Pseudonym == name || u.Pseudonym.ToUpper() == name.ToUpper())))
        {
            return (null, null, "Ce pseudo est déjà pris. Choisis-en un autre.");
        }
        if (takePlace is not null && await takePlace(id) is { } full)
        {
            return (null, null, full);
        }
        var participant = new Participant { SessionId = id, Pseudonym = name, IsGuest = true, JoinedAt = clock.GetUtcNow() };
        await scopes.WithDbAsync(async db =>
        {
            db.Participants.Add(participant);
            return await db.SaveChangesAsync();
        });
        await bus.PublishOrLogAsync(new ParticipantArrived(id, participant.Id, name));
        return (participant.Id, id, null);
    }
}
