using Microsoft.AspNetCore.SignalR;

namespace Participation.Web.Infrastructure;

/// <summary>
/// Refuses a live connection opened by a page of another site. Browsers send the page's origin
/// with a WebSocket handshake and never let a page forge it, so a page elsewhere cannot speak in a
/// session with the cookies of a young person who happens to visit it. Clients that are not
/// browsers send no origin and are judged by their cookies alone, like any request.
/// </summary>
public sealed class SameOriginHubs : IHubFilter
{
    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.GetHttpContext() is { } http && !FromThisSite(http.Request))
        {
            throw new HubException("Cette page ne peut pas se connecter à la séance.");
        }
        return next(context);
    }

    public static bool FromThisSite(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }
        return Uri.TryCreate(origin, UriKind.Absolute, out var page)
            && string.Equals(page.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
