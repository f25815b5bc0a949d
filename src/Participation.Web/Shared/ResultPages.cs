using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Participation.Web.Shared;

/// <summary>Where a list of results is, and how to reach its other pages with the same filters.</summary>
public sealed record Pager(int Page, int PageCount, string Path, IQueryCollection Query)
{
    public string Url(int page)
    {
        var query = Query.Where(q => q.Key != "page").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["page"] = page.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(Path, query);
    }
}

public static class ResultPages
{
    /// <summary>The « page » of the query string, or the first page when it is missing or not a positive number.</summary>
    public static int Requested(HttpRequest request) =>
        int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;
}
