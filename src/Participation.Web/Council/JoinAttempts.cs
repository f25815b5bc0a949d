using Microsoft.Extensions.Options;
using Participation.Web.Infrastructure;

namespace Participation.Web.Council;

/// <summary>
/// Joining by code from one address. A room of forty behind one Wi-Fi all join within a minute, so
/// joins have a generous ceiling; wrong codes, where guessing would show, are limited apart, at a
/// level a room's typos never reach.
/// </summary>
public sealed class JoinAttempts(IOptions<CouncilOptions> options, TimeProvider clock)
{
    private readonly AttemptCounter _joins = new(options.Value.JoinsPerMinutePerAddress, clock);

    // A join code is 6 characters from 31 (about 9 × 10^8 codes): at 30 wrong codes a minute, one
    // address guessing the code of one of a few live sessions needs years, and a session lasts hours.
    private readonly AttemptCounter _wrongCodes = new(options.Value.WrongCodesPerMinute, clock);

    /// <summary>How long this address must wait before joining again, if it may not now; otherwise the join is counted.</summary>
    public TimeSpan? Refusal(HttpContext context)
    {
        var address = AttemptCounter.Address(context);
        return _wrongCodes.WaitFor(address) ?? _joins.TryTake(address);
    }

    public void WrongCode(HttpContext context) => _wrongCodes.Count(AttemptCounter.Address(context));
}
