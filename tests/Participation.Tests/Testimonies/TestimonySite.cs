using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Participation.Tests.Infrastructure;
using Participation.Web.Testimonies;

namespace Participation.Tests.Testimonies;

/// <summary>The site with its demo micro-trottoirs, whose photos and recordings went through the pipeline.</summary>
public sealed class TestimonySite() : ParticipationApp(new Dictionary<string, string?> { ["Demo:Testimonies"] = "true" })
{
    /// <summary>Every file under the media folder, the working folder included, to show a refusal left nothing.</summary>
    public IReadOnlyList<string> MediaFiles() =>
        Directory.Exists(MediaFolder)
            ? Directory.GetFiles(MediaFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
}

[CollectionDefinition(Name)]
public sealed class TestimonySiteCollection : ICollectionFixture<TestimonySite>
{
    public const string Name = "Site with demo micro-trottoirs";
}

/// <summary>One answer as the phone's script sends it: the form's fields and files, JSON back.</summary>
public sealed record Answer
{
    public Guid ClientId { get; init; } = Guid.NewGuid();
    public string? Code { get; init; } = WithdrawalCodes.Generate();
    public Dictionary<string, string> Fields { get; init; } = [];
    public (byte[] Bytes, string Name, string Type)? Voice { get; init; }
    public (byte[] Bytes, string Name, string Type)? Photo { get; init; }

    /// <summary>A consenting answer in words only, everything public.</summary>
    public static Answer Text(string text, bool consent = true) => new()
    {
        Fields = new() { ["Text"] = text, ["TextPublic"] = "true", ["Voice"] = "AsRecorded", ["PhotoPublic"] = "true", ["ConsentGiven"] = consent ? "true" : "false" },
    };
}

public sealed record Sent(System.Net.HttpStatusCode Status, JsonElement Body)
{
    public bool Received => Body.TryGetProperty("received", out var r) && r.GetBoolean();

    public string Errors => Body.TryGetProperty("errors", out var e) ? string.Join(" | ", e.EnumerateObject().Select(p => $"{p.Name}: {p.Value.GetString()}")) : "";

    public int Id => Body.GetProperty("id").GetInt32();
}

public static class Collecting
{
    public static async Task<Sent> SendAsync(this HttpClient client, string slug, Answer answer, string mode = "repondre")
    {
        var url = $"/micro-trottoirs/{slug}/{mode}";
        var page = await client.GetDocumentAsync(url);
        var token = page.QuerySelector<IHtmlInputElement>("form[data-collect] input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No collect form on {url}: {page.Text()[..Math.Min(300, page.Text().Length)]}");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(answer.ClientId.ToString()), "ClientId" },
            { new StringContent(Participation.Web.Testimonies.ConsentText.CurrentVersion), "ConsentVersion" },
            { new StringContent(DateTimeOffset.UtcNow.ToString("O")), "CollectedAt" },
        };
        if (answer.Code is not null)
        {
            content.Add(new StringContent(answer.Code), "WithdrawalCode");
        }
        foreach (var (name, value) in answer.Fields)
        {
            content.Add(new StringContent(value), name);
        }
        if (answer.Voice is { } voice)
        {
            var file = new ByteArrayContent(voice.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(voice.Type);
            content.Add(file, "VoiceFile", voice.Name);
        }
        if (answer.Photo is { } photo)
        {
            var file = new ByteArrayContent(photo.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(photo.Type);
            content.Add(file, "PhotoFile", photo.Name);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : JsonDocument.Parse("{}").RootElement.Clone();
        return new Sent(response.StatusCode, body);
    }
}
