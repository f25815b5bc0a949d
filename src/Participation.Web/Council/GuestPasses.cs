using Microsoft.AspNetCore.DataProtection;

namespace Participation.Web.Council;

/// <summary>
/// A guest in the room has no account: joining with the session's code gives their browser a
/// signed cookie naming their participant in that session, and nothing more.
/// </summary>
public sealed class GuestPasses(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "participation.guest";
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Participation.Council.Guest").ToTimeLimitedDataProtector();

    public void Issue(HttpContext context, int sessionId, int participantId) =>
        context.Response.Cookies.Append(CookieName, _protector.Protect($"{sessionId}:{participantId}", clock.GetUtcNow().AddHours(12)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromHours(12),
        });

    /// <summary>Leaving the room: the browser forgets it was this guest, so the next person on a shared phone starts afresh.</summary>
    public void Revoke(HttpContext context) => context.Response.Cookies.Delete(CookieName);

    /// <summary>The guest's participant id in that session, if their cookie says so.</summary>
    public int? Read(HttpContext? context, int sessionId)
    {
        if (context?.Request.Cookies[CookieName] is not { } value)
        {
            return null;
        }
        try
        {
            var parts = _protector.Unprotect(value).Split(':');
            return parts.Length == 2 && int.Parse(parts[0]) == sessionId ? int.Parse(parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
