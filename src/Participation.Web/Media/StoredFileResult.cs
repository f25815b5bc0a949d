namespace Participation.Web.Media;

/// <summary>How every stored file is sent, once its page has decided who may have it.</summary>
public static class StoredFileResult
{
    /// <summary>
    /// A public file may be taken down at any moment, so caches ask again every time; a file shown
    /// only to the team is never kept. Other sites cannot embed either.
    /// </summary>
    public static IResult Send(HttpContext context, string path, string contentType, bool isPublic)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = isPublic ? "no-cache" : "private, no-store";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.ContentDisposition = "inline";
        return Results.File(path, contentType, enableRangeProcessing: true);
    }
}
