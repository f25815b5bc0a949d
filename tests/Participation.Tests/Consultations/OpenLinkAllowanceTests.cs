using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Consultations;

namespace Participation.Tests.Consultations;

/// <summary>Answers to an open-link questionnaire from one network, with the shipped allowance of 60 an hour.</summary>
public sealed class OpenLinkAllowanceTests : IDisposable
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualClock _clock = new();
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?>(ParticipationApp.ShippedLimits) { ["Demo:Proposals"] = "0" });
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _site;

    public OpenLinkAllowanceTests()
    {
        _site = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
    }

    public void Dispose()
    {
        _site.Dispose();
        _app.Dispose();
    }

    private HttpClient Phone(string? from = null)
    {
        var client = _site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (from is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-Address", from);
        }
        return client;
    }

    [Fact]
    public async Task A_parents_cafe_on_one_wifi_sends_sixty_answers_an_hour_and_the_next_parent_keeps_every_answer()
    {
        Assert.Equal(60, new ConsultationsOptions().OpenLinkAnswersPerHourPerAddress);
        var q = await _app.CreateQuestionnaireAsync("Café des parents", translations: ["ar"]);
        for (var i = 1; i <= 60; i++)
        {
            (await Phone("192.0.2.10").SendAnswerAsync(q, q.CompleteAnswer($"Idée du parent {i}"))).AssertRedirectsToThanks(q.Slug);
        }

        var late = Phone("192.0.2.10");
        var refused = await late.SendAnswerAsync(q, q.CompleteAnswer("Un lieu pour parler entre parents le samedi."));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter!.Delta > TimeSpan.FromMinutes(50));
        var page = await refused.ParseAsync();
        // Not the parent's mistake: a calm notice, nothing to correct, and every answer still there.
        var notice = page.QuerySelector(".network-busy")!;
        Assert.Equal("status", notice.GetAttribute("role"));
        Assert.StartsWith("Beaucoup de réponses sont déjà parties de ce réseau Wi-Fi dans l'heure.", notice.TextContent.Trim());
        Assert.Null(page.QuerySelector(".error-summary"));
        Assert.Null(page.QuerySelector("[role=alert]"));
        Assert.Equal("Un lieu pour parler entre parents le samedi.", page.QuerySelector($"textarea[name={q["idee"].Field}]")!.TextContent);
        Assert.Equal(60, await _app.SubmittedCountAsync(q.Id));

        // A parent answering in Arabic reads it in Arabic.
        var inArabic = await (await Phone("192.0.2.10").SendAnswerAsync(q, q.CompleteAnswer(), language: "ar")).ParseAsync();
        Assert.Equal(Languages.Arabic.Wording.TooManyAnswers, inArabic.QuerySelector(".network-busy[role=status]")!.TextContent.Trim());
        Assert.Null(inArabic.QuerySelector(".error-summary"));

        // Another network is not concerned, and an hour later the café sends again.
        (await Phone("198.51.100.20").SendAnswerAsync(q, q.CompleteAnswer())).AssertRedirectsToThanks(q.Slug);
        _clock.Now += TimeSpan.FromMinutes(61);
        (await late.SendAnswerAsync(q, q.CompleteAnswer("Un lieu pour parler entre parents le samedi."))).AssertRedirectsToThanks(q.Slug);
        Assert.Equal(62, await _app.SubmittedCountAsync(q.Id));
    }

    [Fact]
    public async Task One_network_keeps_sixty_new_drafts_an_hour_and_the_next_parent_keeps_every_answer_on_screen()
    {
        Assert.Equal(60, new ConsultationsOptions().OpenLinkDraftsPerHourPerAddress);
        var q = await _app.CreateQuestionnaireAsync("Finir plus tard au café");
        Dictionary<string, string> Save(string idea) => new(q.CompleteAnswer(idea))
        {
            ["langue"] = "fr", ["partie"] = q.Sections[^1].ToString(System.Globalization.CultureInfo.InvariantCulture), ["action"] = "enregistrer",
        };
        string? code = null;
        for (var i = 1; i <= 60; i++)
        {
            var saved = await (await Phone("192.0.2.12").PostAnswerAsync(q.Slug, Save($"Brouillon {i}"))).ParseAsync();
            code = saved.QuerySelector(".saved-code")!.TextContent.Trim();
        }

        var refused = await Phone("192.0.2.12").PostAnswerAsync(q.Slug, Save("Un lieu pour parler entre parents le samedi."));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter!.Delta > TimeSpan.FromMinutes(50));
        var page = await refused.ParseAsync();
        Assert.Equal(Languages.French.Wording.TooManyAnswers, page.QuerySelector(".network-busy[role=status]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector(".error-summary"));
        Assert.Null(page.QuerySelector(".saved-code"));
        Assert.Equal("Un lieu pour parler entre parents le samedi.", page.QuerySelector($"textarea[name={q["idee"].Field}]")!.TextContent);
        Assert.Equal(60, await DraftCountAsync(q.Id));

        // A parent saving again with the code of a draft changes that draft only, and is not held back.
        var again = Save("Mon brouillon, complété.");
        again["code"] = code!;
        var resaved = await (await Phone("192.0.2.12").PostAnswerAsync(q.Slug, again)).ParseAsync();
        Assert.Equal(code, resaved.QuerySelector(".saved-code")!.TextContent.Trim());
        // Sending is a separate share: the café's drafts do not stop an answer.
        (await Phone("192.0.2.12").SendAnswerAsync(q, q.CompleteAnswer())).AssertRedirectsToThanks(q.Slug);
        // Another network is not concerned, and an hour later the café keeps drafts again.
        Assert.Equal(HttpStatusCode.OK, (await Phone("198.51.100.21").PostAnswerAsync(q.Slug, Save("Ailleurs"))).StatusCode);
        _clock.Now += TimeSpan.FromMinutes(61);
        Assert.Equal(HttpStatusCode.OK, (await Phone("192.0.2.12").PostAnswerAsync(q.Slug, Save("Une heure plus tard"))).StatusCode);
        Assert.Equal(62, await DraftCountAsync(q.Id));
    }

    private Task<int> DraftCountAsync(int questionnaireId) =>
        _app.WithDbAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == questionnaireId && r.Status == ResponseStatus.Draft));

    [Fact]
    public async Task Answers_with_an_invitation_code_do_not_count_against_the_network()
    {
        var q = await _app.CreateQuestionnaireAsync("Invitations par courrier", QuestionnaireAccess.Invitation);
        var codes = await _app.InvitationCodesAsync(q.Id, 62);
        foreach (var code in codes)
        {
            (await Phone("192.0.2.11").SendAnswerAsync(q, q.CompleteAnswer(), code)).AssertRedirectsToThanks(q.Slug);
        }
        Assert.Equal(62, await _app.SubmittedCountAsync(q.Id));
    }
}
