using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Participation.Web.Accounts;

namespace Participation.Web.Council;

/// <summary>
/// An open connection keeps the identity it was opened with, so page sign-in checks never reach it.
/// At most once a minute, a call checks that the account still holds: a new code for a lost phone,
/// a sign-out or a new password ends the connection instead of letting it vote on.
/// </summary>
public sealed class LiveAccountCheck(TimeProvider clock) : IHubFilter
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    public const string Expired = "Ta connexion a pris fin : reconnecte-toi pour continuer.";
    private static readonly TimeSpan CloseDelay = TimeSpan.FromSeconds(1);
    private const string CheckedAt = "participation.account-checked-at";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocation.Context;
        if (context.User?.Identity?.IsAuthenticated == true)
        {
            var now = clock.GetUtcNow();
            if (!context.Items.TryGetValue(CheckedAt, out var at) || at is not DateTimeOffset last || now - last >= Interval)
            {
                var signIn = invocation.ServiceProvider.GetRequiredService<SignInManager<Member>>();
                if (await signIn.ValidateSecurityStampAsync(context.User) is null)
                {
                    // Closed a moment after the answer, so that the phone reads why before it goes.
                    _ = Task.Delay(CloseDelay, clock).ContinueWith(_ => context.Abort(), TaskScheduler.Default);
                    return Ack.Refused(Expired);
                }
                context.Items[CheckedAt] = now;
            }
        }
        return await next(invocation);
    }
}
