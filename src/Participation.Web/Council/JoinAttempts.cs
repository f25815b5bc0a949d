using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Participation.Web.Infrastructure;

namespace Participation.Web.Council;

/// <summary>
/// Joining by code. A room of forty behind one Wi-Fi all join within a minute, so joins have a
/// generous ceiling per address. Wrong codes, where guessing would show, are limited per phone, so
/// that one child hammering a wrong code stops only their own phone, and, much higher, per address,
/// so that a guesser who throws away their cookies is still stopped.
/// </summary>
public sealed class JoinAttempts(IOptions<CouncilOptions> options, AttemptLimits limits)
{
    /// <summary>A random, meaningless id for the phone, only to count its wrong codes.</summary>
    public const string DeviceCookie = "participation.appareil";

    private readonly AttemptCounter _joins = limits.Counter("join.address", options.Value.JoinsPerMinutePerAddress);

    // A join code is 6 characters from 31 (about 9 × 10^8 codes): even at 100 wrong codes a minute,
    // one address guessing the code of one of a few live sessions needs years, and a session lasts hours.
    private readonly AttemptCounter _wrongCodesByDevice = limits.Counter("join-code.device", options.Value.WrongCodesPerMinute);
    private readonly AttemptCounter _wrongCodesByAddress = limits.Counter("join-code.address", options.Value.WrongCodesPerMinutePerAddress);

    // As long as a guest's pass lasts.
    private readonly AttemptCounter _guestsByAddress = limits.Counter("join.guests", options.Value.GuestsPerAddressPerSession, TimeSpan.FromHours(12));

    // A whole room joins within a minute: every count here is asked of Redis without holding a thread.

    /// <summary>Takes one of the address's guest places in the session; a refusal once they are all taken.</summary>
    public async Task<string?> TakeGuestPlaceAsync(HttpContext context, int sessionId) =>
        await _guestsByAddress.TryTakeAsync($"{AttemptCounter.Address(context)}:{sessionId}") is null
            ? null
            : "Beaucoup de personnes ont déjà rejoint cette séance depuis ce réseau. Demande à l'équipe d'animation de te faire entrer.";

    /// <summary>Why this phone may not join now and how long it must wait; otherwise null, and the join is counted.</summary>
    public async Task<(string Message, TimeSpan Wait)?> RefusalAsync(HttpContext context)
    {
        var address = AttemptCounter.Address(context);
        if (await _wrongCodesByDevice.WaitForAsync(Device(context)) is { } phoneWait)
        {
            return ($"Trop de codes faux sur ce téléphone. Vérifie le code au tableau et réessaie dans {AttemptCounter.InFrench(phoneWait)}.", phoneWait);
        }
        return (await _wrongCodesByAddress.WaitForAsync(address) ?? await _joins.TryTakeAsync(address)) is { } wait
            ? ($"Trop d'essais depuis ce réseau. Réessaie dans {AttemptCounter.InFrench(wait)}.", wait)
            : null;
    }

    public async Task WrongCodeAsync(HttpContext context)
    {
        await _wrongCodesByDevice.CountAsync(Device(context));
        await _wrongCodesByAddress.CountAsync(AttemptCounter.Address(context));
    }

    /// <summary>Gives the phone its id the first time it opens the join page.</summary>
    public static void EnsureDevice(HttpContext context)
    {
        if (ReadDevice(context) is not null)
        {
            return;
        }
        context.Response.Cookies.Append(DeviceCookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(1),
        });
    }

    // A phone without the id (cookies refused or thrown away) shares one count with every other
    // such phone of its address.
    private static string Device(HttpContext context) => ReadDevice(context) ?? $"{AttemptCounter.Address(context)} sans identifiant";

    private static string? ReadDevice(HttpContext context) =>
        context.Request.Cookies[DeviceCookie] is { Length: 32 } value && value.All(char.IsAsciiHexDigit) ? value : null;
}
