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
        return await PostAsync(url, fields.Append(new("__RequestVerificationToken", TokenIn(page.Body))));
    }

    /// <summary>Posts the fields as they are: the caller has already taken the token from the form's page.</summary>
    public async Task<(HttpStatusCode Status, string? Location, string Body)> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        return await SendAsync(request);
    }

    public static string TokenIn(string page) => WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);

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
