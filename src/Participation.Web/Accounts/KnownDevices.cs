using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Participation.Web.Accounts;

/// <summary>
/// The phones and computers an account has signed in from. After a sign-in the browser keeps an
/// encrypted cookie naming the device and the accounts that signed in on it; a later attempt from
/// there is counted for that device alone, so that a stranger's wrong passwords elsewhere, even on
/// the same Wi-Fi, never make the owner wait on their own phone.
/// </summary>
public sealed class KnownDevices(IDataProtectionProvider protection, IOptions<AccountsOptions> options, TimeProvider clock)
{
    public const string CookieName = "participation.appareil-connu";

    // A care home's shared tablet may see many young people; the oldest are dropped past this.
    private const int MostAccounts = 20;

    private readonly IDataProtector _protector = protection.CreateProtector("Participation.Accounts.KnownDevice");
    private readonly TimeSpan _remembered = options.Value.DeviceRememberedFor;

    private sealed record Device(string Id, IReadOnlyList<string> Logins);

    /// <summary>This device's id if the login signed in on it before; null for a device new to that login.</summary>
    public string? For(HttpContext context, string normalisedLogin) =>
        Read(context) is { } device && device.Logins.Contains(normalisedLogin, StringComparer.Ordinal) ? device.Id : null;

    /// <summary>After a sign-in: this device is now known to the login, for another <see cref="AccountsOptions.DeviceRememberedFor"/>.</summary>
    public void Remember(HttpContext context, string normalisedLogin)
    {
        var known = Read(context);
        var logins = new[] { normalisedLogin }
            .Concat((known?.Logins ?? []).Where(l => l != normalisedLogin))
            .Take(MostAccounts);
        var id = known?.Id ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var payload = string.Join('\n', [clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), id, .. logins]);
        context.Response.Cookies.Append(CookieName, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = _remembered,
        });
    }

    private Device? Read(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { } value)
        {
            return null;
        }
        string[] lines;
        try
        {
            lines = _protector.Unprotect(value).Split('\n');
        }
        catch (CryptographicException)
        {
            return null;
        }
        if (lines.Length < 3 || !long.TryParse(lines[0], System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }
        var issued = DateTimeOffset.FromUnixTimeSeconds(seconds);
        // The cookie's own expiry is the browser's word; the date inside is ours.
        return clock.GetUtcNow() < issued + _remembered ? new Device(lines[1], lines[2..]) : null;
    }
}
