using Microsoft.AspNetCore.DataProtection;

namespace Participation.Web.Consultations;

/// <summary>
/// Carries a code brought by a slip's QR code, or typed on the list of consultations, to its
/// questionnaire without leaving it in the address: an encrypted cookie for that questionnaire's
/// pages only, gone after twenty minutes or as soon as the answers are saved or sent.
/// </summary>
public sealed class CodeCarrier(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);

    private IDataProtector Protector => protection.CreateProtector("Participation.Consultations.CarriedCode");

    private static string Name(string slug) => $"consultation-code-{slug}";

    private static string Path(string slug) => $"/consultations/{slug}";

    public void Carry(HttpContext context, string slug, string code) =>
        context.Response.Cookies.Append(Name(slug), Protector.Protect(code), new CookieOptions
        {
            HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps,
            Path = Path(slug), Expires = clock.GetUtcNow().Add(Lifetime),
        });

    public string? Read(HttpContext context, string slug)
    {
        if (!context.Request.Cookies.TryGetValue(Name(slug), out var sealedCode))
        {
            return null;
        }
        try
        {
            return Protector.Unprotect(sealedCode);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public void Drop(HttpContext context, string slug)
    {
        if (context.Request.Cookies.ContainsKey(Name(slug)))
        {
            context.Response.Cookies.Delete(Name(slug), new CookieOptions { Path = Path(slug) });
        }
    }
}
