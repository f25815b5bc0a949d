using Microsoft.Extensions.Options;
using Participation.Web.Infrastructure;

namespace Participation.Web.Accounts;

/// <summary>
/// How fast passwords, activation codes and administrator links may be tried, and from where. A
/// council room puts forty young people behind one Wi-Fi address, and a stranger who knows a
/// pseudonym must never be able to shut its owner out: so a wrong password makes only the place it
/// came from wait, an account's own devices are counted apart, and every wait ends by itself.
/// </summary>
public sealed class SignInAttempts(IOptions<AccountsOptions> options, KnownDevices devices, AttemptLimits limits)
{
    private readonly AttemptCounter _perAddress = limits.Counter("sign-in.address", options.Value.AttemptsPerMinutePerAddress);

    // One account from one place: the address, or the device when the account signed in on it before.
    private readonly GrowingDelays _perPlace = limits.Delays("password.place",
        new DelaySchedule(options.Value.FreeWrongPasswords, options.Value.FirstWait, options.Value.LongestWait),
        options.Value.WrongPasswordsForgottenAfter);

    // One account from all the places it does not know, against guessing spread over many addresses.
    private readonly GrowingDelays _perAccount = limits.Delays("password.account",
        new DelaySchedule(options.Value.FreeWrongPasswordsPerAccount, options.Value.FirstWait, options.Value.LongestWaitPerAccount),
        options.Value.WrongPasswordsForgottenAfter);

    // Activation codes are 8 characters from 31 (about 8.5 × 10^11 codes), valid 30 days. Only wrong
    // codes count, since a right one is used up: 60 a minute lets a room of forty get their slips
    // wrong once or twice each, while finding one code among a thousand outstanding still takes
    // years of guessing from one address.
    private readonly AttemptCounter _wrongActivationCodes = limits.Counter("activation.address", options.Value.WrongActivationCodesPerMinute);

    // An administrator's link is Identity's reset token, not guessable; its counter only keeps
    // someone replaying or fiddling with links from doing so quickly.
    private readonly AttemptCounter _wrongAdministratorLinks = limits.Counter("administrator-link.address", options.Value.WrongAdministratorLinksPerMinute);

    /// <summary>The refusal while a wait lasts, the same whatever was typed, so that it tells nothing about the password.</summary>
    public static string TooManyWrongPasswords(TimeSpan wait) =>
        $"Trop d'essais pour cet identifiant. Réessayez dans {AttemptCounter.InFrench(wait)}.";

    /// <summary>The same wait on the account page, which speaks « tu » and asks for the current password.</summary>
    public static string TooManyWrongCurrentPasswords(TimeSpan wait) =>
        $"Trop d'essais avec un mauvais mot de passe actuel. Réessaie dans {AttemptCounter.InFrench(wait)}.";

    /// <summary>
    /// How long this address must wait before signing in again, if it has used its ceiling. A
    /// device that has signed in as this login before is not held back by the others on its network.
    /// </summary>
    public TimeSpan? SignInFrom(HttpContext context, string normalisedLogin) =>
        devices.For(context, normalisedLogin) is not null ? null : _perAddress.TryTake(AttemptCounter.Address(context));

    /// <summary>
    /// Takes one password try for this login from here, counted as wrong until
    /// <see cref="RightPassword"/> says otherwise: null when the password may be checked now,
    /// otherwise how long to wait. The login need not be an account: an unknown one waits the same.
    /// </summary>
    public TimeSpan? TryPassword(HttpContext context, string normalisedLogin)
    {
        var place = Place(context, normalisedLogin);
        if (_perPlace.TryTake(place.Key) is { } wait)
        {
            return wait;
        }
        if (!place.Known && _perAccount.TryTake(Bounded(normalisedLogin)) is { } accountWait)
        {
            _perPlace.Undo(place.Key);
            return accountWait;
        }
        return null;
    }

    /// <summary>
    /// The right password clears this place's count. From a place the account does not know, the
    /// try is given back to the account's count, which is otherwise left to fade: each sign-in of
    /// the owner must not give a distant guesser a fresh start.
    /// </summary>
    public void RightPassword(HttpContext context, string normalisedLogin)
    {
        var place = Place(context, normalisedLogin);
        _perPlace.Forget(place.Key);
        if (!place.Known)
        {
            _perAccount.Undo(Bounded(normalisedLogin));
        }
    }

    public TimeSpan? ActivationFrom(HttpContext context) => _wrongActivationCodes.WaitFor(AttemptCounter.Address(context));

    public void WrongActivationCode(HttpContext context) => _wrongActivationCodes.Count(AttemptCounter.Address(context));

    public TimeSpan? AdministratorLinkFrom(HttpContext context) => _wrongAdministratorLinks.WaitFor(AttemptCounter.Address(context));

    public void WrongAdministratorLink(HttpContext context) => _wrongAdministratorLinks.Count(AttemptCounter.Address(context));

    private readonly record struct PlaceKey(string Key, bool Known);

    private PlaceKey Place(HttpContext context, string normalisedLogin) =>
        devices.For(context, normalisedLogin) is { } device
            ? new PlaceKey($"{Bounded(normalisedLogin)}\ndevice {device}", Known: true)
            : new PlaceKey($"{Bounded(normalisedLogin)}\naddress {AttemptCounter.Address(context)}", Known: false);

    /// <summary>
    /// A login as a counter's key, of bounded size whatever was typed: a long one is kept as its
    /// SHA-256, so that a million-character login costs the counters no more than a pseudonym.
    /// </summary>
    public static string Bounded(string normalisedLogin) =>
        normalisedLogin.Length <= 64
            ? normalisedLogin
            : "#" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(normalisedLogin)));
}
