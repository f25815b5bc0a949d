using System.Net;
using System.Text.RegularExpressions;

namespace Participation.Benchmarks;

/// <summary>A person's browser without the browser: cookies kept by hand so that thousands can share one HttpClient.</summary>
public sealed partial class Browserless(HttpClient http)
{
    private readonly Dictionary<string, string> _cookies = [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public string CookieHeader => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    public async Task<(HttpStatusCode Status, string? Location, string Body)> GetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, string? Location, string Body)> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var page = await GetAsync(formPage ?? url);
        var token = Token().Match(page.Body).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)))),
        };
        return await SendAsync(request);
    }

    private async Task<(HttpStatusCode, string?, string)> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", CookieHeader);
        }
        using var response = await http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }
        }
        return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }
}
