namespace Participation.Web.Infrastructure;

/// <summary>
/// Headers on every response: no inline script, no framing, no content sniffing, no referrer
/// leaking a young person's page address to another site.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>Set on a request whose page records a voice or takes a photo: only that page may ask for the microphone and camera.</summary>
    public const string MediaCapture = "security.media-capture";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = context.Items.ContainsKey(MediaCapture)
                ? "camera=(self), microphone=(self), geolocation=(), payment=(), usb=()"
                : "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
