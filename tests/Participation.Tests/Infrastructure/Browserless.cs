using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Participation.Web.Demo;

namespace Participation.Tests.Infrastructure;

/// <summary>Plays forms through HTTP the way a browser would: antiforgery token, cookies, fields.</summary>
public static class Browserless
{
    public static async Task<IDocument> ParseAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html));
    }

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return await response.ParseAsync();
    }

    /// <summary>Fetches the page, takes the antiforgery token of its form and posts the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IDictionary<string, string> fields, int formIndex = -1)
    {
        var page = await client.GetDocumentAsync(url);
        var forms = page.QuerySelectorAll<IHtmlFormElement>("main form[method=post]").ToList();
        var form = formIndex < 0 ? forms.Last() : forms[formIndex];
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No antiforgery token in the form of {url}");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>As <see cref="PostFormAsync"/>, with files, the way a browser sends a form that has a file input.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string url, IDictionary<string, string> fields, IEnumerable<(string Name, byte[] Bytes, string FileName, string ContentType)> files, int formIndex = -1, string? handler = null)
    {
        var page = await client.GetDocumentAsync(url);
        var forms = page.QuerySelectorAll<IHtmlFormElement>("main form[method=post]").ToList();
        var form = formIndex < 0 ? forms.Last() : forms[formIndex];
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No antiforgery token in the form of {url}");
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var (name, bytes, fileName, contentType) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            content.Add(file, name, fileName);
        }
        var action = handler is not null ? $"{url}{(url.Contains('?') ? '&' : '?')}handler={handler}"
            : string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(action, content);
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string login, string password = DemoSeeder.Password)
    {
        var response = await client.PostFormAsync("/compte/connexion", new Dictionary<string, string> { ["Login"] = login, ["Password"] = password });
        return response;
    }

    public static async Task<HttpClient> SignedInClientAsync(this ParticipationApp app, string login)
    {
        var client = app.CreateBrowserlessClient();
        var response = await client.SignInAsync(login);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {login} failed: {(int)response.StatusCode}");
        }
        return client;
    }

    public static string Text(this IDocument document) => document.QuerySelector("main")?.TextContent ?? "";

    /// <summary>
    /// The wait a refusal names (« 40 secondes », « 1 minute »), which must be the one its Retry-After
    /// header gives, and within the limit's window (one minute unless said otherwise).
    /// </summary>
    public static TimeSpan NamedWait(this HttpResponseMessage refused, string message, TimeSpan? longest = null)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"dans (\d+)\u00A0(seconde|minute)s?\.$");
        Assert.True(match.Success, message);
        var named = TimeSpan.FromSeconds(int.Parse(match.Groups[1].Value) * (match.Groups[2].Value == "minute" ? 60 : 1));
        Assert.InRange(named, TimeSpan.FromSeconds(1), longest ?? TimeSpan.FromMinutes(1));
        var header = refused.Headers.RetryAfter!.Delta!.Value;
        // Past a minute the words round up to whole minutes; the header keeps the seconds.
        if (named < TimeSpan.FromMinutes(1))
        {
            Assert.Equal(named, header);
        }
        else
        {
            Assert.Equal(named, TimeSpan.FromMinutes(Math.Ceiling(header.TotalMinutes)));
        }
        return named;
    }

    /// <summary>
    /// Posts to a named handler the page no longer offers, as a crafted request would: the page's
    /// token, the page's own address with the handler added.
    /// </summary>
    public static async Task<HttpResponseMessage> ForgeHandlerAsync(this HttpClient client, string url, string handler, IDictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync(url);
        var token = page.QuerySelector<IHtmlInputElement>("main form[method=post] input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No form on {url}");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync($"{url}{(url.Contains('?') ? '&' : '?')}handler={handler}", new FormUrlEncodedContent(values));
    }

    /// <summary>Posts to a page's named handler as its form or button would, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SubmitHandlerAsync(this HttpClient client, string url, string handler, IDictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync(url);
        var token = page.QuerySelector<IHtmlInputElement>("main form[method=post] input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No form on {url}");
        var action = page.QuerySelectorAll("main form[action], main button[formaction]")
            .Select(e => e.GetAttribute("action") ?? e.GetAttribute("formaction"))
            .FirstOrDefault(a => System.Text.RegularExpressions.Regex.IsMatch(a!, $"[?&]handler={handler}(&|$)"))
            ?? throw new InvalidOperationException($"No {handler} handler on {url}");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>A refusal as the site gives it: 403, or the redirect to the access-denied page.</summary>
    public static void AssertRefused(this HttpResponseMessage response) =>
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Forbidden
            || (response.StatusCode == System.Net.HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/compte/acces-refuse"),
            $"Expected a refusal, got {(int)response.StatusCode} {response.Headers.Location}");
}
