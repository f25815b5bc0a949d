using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Participation.BrowserTests.Infrastructure;

/// <summary>
/// A phone in the room without a browser: it types the code on the join page like a person (the
/// form's token, then its cookie) and holds a WebSocket to the live session, as the page's script would.
/// </summary>
public sealed partial class RoomGuest : IAsyncDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;
    private readonly string _baseUrl;

    public RoomGuest(string baseUrl)
    {
        _baseUrl = baseUrl;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
    }

    public HubConnection? Hub { get; private set; }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>Posts the join form; returns the page's address on success, or the page it showed instead.</summary>
    public async Task<(bool Joined, string Answer)> JoinAsync(string code, string pseudonym)
    {
        var form = await _http.GetStringAsync("/rejoindre");
        var token = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value);
        using var response = await _http.PostAsync("/rejoindre", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code, ["Pseudonym"] = pseudonym, ["__RequestVerificationToken"] = token,
        }));
        return response.StatusCode == HttpStatusCode.Redirect
            ? (true, response.Headers.Location!.OriginalString)
            : (false, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<HubConnection> ConnectAsync()
    {
        var cookieHeader = _cookies.GetCookieHeader(new Uri(_baseUrl));
        Hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(_baseUrl), "/hubs/council"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Headers["Cookie"] = cookieHeader;
            })
            .Build();
        await Hub.StartAsync();
        return Hub;
    }

    public async ValueTask DisposeAsync()
    {
        if (Hub is not null)
        {
            await Hub.DisposeAsync();
        }
        _http.Dispose();
    }
}
