using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Participation.Web.Accounts;
using Participation.Web.Infrastructure;

namespace Participation.Web.Council;

/// <summary>Guests in the room join with the code on the projector; guessing codes is rate-limited.</summary>
[AllowAnonymous]
[EnableRateLimiting(AccountsExtensions.SignInRateLimit)]
public sealed class JoinModel(CouncilRoom room, GuestPasses guests) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Pseudonym { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (participantId, sessionId, error) = await room.JoinAsGuestAsync(Code, Pseudonym);
        if (error is not null)
        {
            AddError(error.Contains("pseudo", StringComparison.OrdinalIgnoreCase) ? nameof(Pseudonym) : nameof(Code), error);
            return Page();
        }
        guests.Issue(HttpContext, sessionId!.Value, participantId!.Value);
        return Redirect($"/conseil/seances/{sessionId}/participer");
    }
}
