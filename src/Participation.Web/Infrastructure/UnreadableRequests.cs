using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Participation.Web.Infrastructure;

/// <summary>
/// An address carrying a null character (« %00 »): no link of the site makes one, and the text
/// behind it would go on to searches, logs and files. Answered 400 with the French error page.
/// Kestrel already refuses one in the path, before the site runs; this covers the query string,
/// and the path under a server that lets one through.
/// </summary>
public sealed class NullCharacters(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // The error page is the same request played again: refusing it too would leave the page blank.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && Carries(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }
        return next(context);
    }

    private static bool Carries(HttpRequest request)
    {
        if (request.Path.Value?.Contains('\0') == true)
        {
            return true;
        }
        foreach (var (key, values) in request.Query)
        {
            if (key.Contains('\0') || values.Any(v => v?.Contains('\0') == true))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>
/// Reads a posted form before anything else does, and answers a form the site cannot read with
/// the French error page: 400 for too many fields, too long a field or a null character, 413 for
/// a body over the page's size. Otherwise antiforgery, reading it first, would call every such
/// form a bad token. Runs after the page's own limits (<see cref="RequestSizeLimitAttribute"/>,
/// <see cref="RequestFormLimitsAttribute"/>, order 900) and before antiforgery (order 1000).
/// </summary>
public sealed class ReadableForms : IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        // On the error page, played again for a form that could not be read, reading it again would fail again.
        if (!request.HasFormContentType || context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return;
        }
        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException refused)
        {
            context.Result = new StatusCodeResult(refused.StatusCode);
        }
        catch (InvalidDataException)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
        // A body cut off before its end (a multipart form without its closing boundary) is as unreadable.
        catch (IOException) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
        }
    }
}
