using Microsoft.AspNetCore.SignalR;

namespace Participation.Web.Infrastructure;

/// <summary>
/// An instance that is stopping takes no new live connection. As it stops, SignalR closes the
/// connections it holds and their pages reconnect at once; one that reached this instance again,
/// in the moment before its server stops listening or over a connection nginx keeps open to it,
/// would be held until the shutdown timeout, then cut. Refused with a 503, it goes to another
/// instance (nginx tries the next one for a GET answered 503) or the page tries again.
/// </summary>
public static class StoppingInstance
{
    public static IApplicationBuilder UseStoppingInstance(this IApplicationBuilder app)
    {
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return app.Use((context, next) =>
        {
            if (stopping.IsCancellationRequested && context.GetEndpoint()?.Metadata.GetMetadata<HubMetadata>() is not null)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }
            return next(context);
        });
    }
}
