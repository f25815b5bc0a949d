using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Council;

/// <summary>
/// Guests in the room join with the code on the projector; guessing codes is limited per phone and
/// per address. Someone signed in comes in as themselves: a young member to their own place, and
/// nobody as a second, anonymous voter beside their account.
/// </summary>
[AllowAnonymous]
public sealed class JoinModel(RoomEntry room, GuestPasses guests, JoinAttempts attempts) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Pseudonym { get; set; }

    public void OnGet() => JoinAttempts.EnsureDevice(HttpContext);

    public async Task<IActionResult> OnPostAsync()
    {
        JoinAttempts.EnsureDevice(HttpContext);
        if (await attempts.RefusalAsync(HttpContext) is var (message, wait))
        {
            return TooManyAttempts(nameof(Code), message, wait);
        }
        if (User.Identity?.IsAuthenticated == true)
        {
            return await ComeInAsMemberAsync();
        }
        var (participantId, sessionId, error) = await room.JoinAsGuestAsync(Code, Pseudonym,
            session => guests.Read(HttpContext, session), session => attempts.TakeGuestPlaceAsync(HttpContext, session));
        if (error is not null)
        {
            // Only a code that opens no live session counts as a guess: a room retrying while the
            // facilitator has not yet let guests in, or picking a taken pseudonym, guesses nothing.
            if (await room.LiveSessionOfAsync(Code) is null)
            {
                await attempts.WrongCodeAsync(HttpContext);
            }
            AddError(error.Contains("pseudo", StringComparison.OrdinalIgnoreCase) ? nameof(Pseudonym) : nameof(Code), error);
            return Page();
        }
        guests.Issue(HttpContext, sessionId!.Value, participantId!.Value);
        return Redirect($"/conseil/seances/{sessionId}/participer");
    }

    private async Task<IActionResult> ComeInAsMemberAsync()
    {
        if (!User.IsInRole(Roles.Young))
        {
            AddError(nameof(Code), "Vous êtes connecté·e à un compte d'adulte : le vote de la salle se fait depuis le téléphone des jeunes, sans compte ou avec le leur.");
            return Page();
        }
        if (await room.LiveSessionOfAsync(Code) is not { } sessionId)
        {
            await attempts.WrongCodeAsync(HttpContext);
            AddError(nameof(Code), "Ce code ne correspond à aucune séance en cours. Vérifie-le au tableau.");
            return Page();
        }
        // Their own account is their place in the room: the pseudonym typed here is not used.
        return Redirect($"/conseil/seances/{sessionId}/participer");
    }
}
