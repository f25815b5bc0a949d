using Microsoft.Extensions.Options;
using Participation.Web.Infrastructure;

namespace Participation.Web.Accounts;

/// <summary>
/// How many sign-ins and activations are allowed, and to whom. A council room puts forty young
/// people behind one Wi-Fi address, so the tight limits follow what is guessed at, not the address.
/// </summary>
public sealed class SignInAttempts(IOptions<AccountsOptions> options, TimeProvider clock)
{
    // Passwords are guessed one account at a time: that is where the limit is tight (and Identity
    // locks the account after 5 wrong ones). The address only gets a ceiling against spraying.
    private readonly AttemptCounter _perAccount = new(options.Value.AttemptsPerMinute, clock);
    private readonly AttemptCounter _perAddress = new(options.Value.AttemptsPerMinutePerAddress, clock);

    // Activation codes are 8 characters from 31 (about 8.5 × 10^11 codes), valid 30 days. Only wrong
    // codes count, since a right one is used up: 60 a minute lets a room of forty get their slips
    // wrong once or twice each, while finding one code among a thousand outstanding still takes
    // years of guessing from one address.
    private readonly AttemptCounter _wrongActivationCodes = new(options.Value.WrongActivationCodesPerMinute, clock);

    /// <summary>How long this address must wait before signing in again, if it has used its ceiling.</summary>
    public TimeSpan? SignInFrom(HttpContext context) => _perAddress.TryTake(AttemptCounter.Address(context));

    /// <summary>How long this login name must wait, if it has used its attempts; the account need not exist.</summary>
    public TimeSpan? SignInAs(string normalisedLogin) => _perAccount.TryTake(normalisedLogin);

    public TimeSpan? ActivationFrom(HttpContext context) => _wrongActivationCodes.WaitFor(AttemptCounter.Address(context));

    public void WrongActivationCode(HttpContext context) => _wrongActivationCodes.Count(AttemptCounter.Address(context));
}
