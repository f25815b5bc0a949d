using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;

namespace Participation.Web.Council;

/// <summary>Guests in the room join with the code on the projector; guessing codes is limited per phone and per address.</summary>
[AllowAnonymous]
public sealed class JoinModel(RoomEntry room, GuestPasses guests, JoinAttempts attempts, ParticipationDb db) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Pseudonym { get; set; }

    public void OnGet() => JoinAttempts.EnsureDevice(HttpContext);

    public async Task<IActionResult> OnPostAsync()
    {
        JoinAttempts.EnsureDevice(HttpContext);
        if (attempts.Refusal(HttpContext) is var (message, wait))
        {
            return TooManyAttempts(nameof(Code), message, wait);
        }
        var (participantId, sessionId, error) = await room.JoinAsGuestAsync(Code, Pseudonym, session => guests.Read(HttpContext, session));
        if (error is not null)
        {
            // Only a code that opens no live session counts as a guess: a room retrying while the
            // facilitator has not yet let guests in, or picking a taken pseudonym, guesses nothing.
            if (!await OpensALiveSessionAsync(Code))
            {
                attempts.WrongCode(HttpContext);
            }
            AddError(error.Contains("pseudo", StringComparison.OrdinalIgnoreCase) ? nameof(Pseudonym) : nameof(Code), error);
            return Page();
        }
        guests.Issue(HttpContext, sessionId!.Value, participantId!.Value);
        return Redirect($"/conseil/seances/{sessionId}/participer");
    }

    // Read as the room reads it: capitals, without spaces.
    private Task<bool> OpensALiveSessionAsync(string? code)
    {
        var typed = (code ?? "").Trim().ToUpperInvariant().Replace(" ", "");
        return db.CouncilSessions.AnyAsync(s => s.JoinCode == typed && s.Status == SessionStatus.Live);
    }
}
