using Microsoft.AspNetCore.SignalR;

namespace Participation.Web.Infrastructure;

/// <summary>
/// Refuses a live connection opened by a page of another site. Browsers send the page's origin
/// with a WebSocket handshake and never let a page forge it, so a page elsewhere cannot speak in a
/// session with the cookies of a young person who happens to visit it. Clients that are not
/// browsers send no origin and are judged by their cookies alone, like any request.
/// The handshake itself is refused (403) before any WebSocket is opened; the hub filter checks
/// again when the connection starts, whatever the transport.
/// </summary>
public sealed class SameOriginHubs(SiteAddress site) : IHubFilter
{
    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.GetHttpContext() is { } http && !FromThisSite(http.Request, site))
        {
            throw new HubException("Cette page ne peut pas se connecter à la séance.");
        }
        return next(context);
    }

    public static bool FromThisSite(HttpRequest request, SiteAddress site)
    {
        var origin = request.Headers.Origin.ToString();
        return string.IsNullOrEmpty(origin) || site.IsOwnOrigin(request, origin);
    }

    /// <summary>Answers 403 to any request for a hub (negotiation, WebSocket, polling) sent by another site's page.</summary>
    public static IApplicationBuilder UseSameOriginHubs(IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<HubMetadata>() is not null
            && !FromThisSite(context.Request, context.RequestServices.GetRequiredService<SiteAddress>()))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        return next(context);
    });
}
