using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Web.Consultations;

namespace Participation.Tests.Infrastructure;

/// <summary>A question of a test questionnaire: its id and its choices' ids, in order.</summary>
public sealed record TestQuestion(int Id, IReadOnlyList<int> Options)
{
    public string Field => $"q{Id}";
    public string Option(int index) => Options[index].ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The questionnaire most tests answer: three parts, every kind of question, a condition on the
/// same screen (suivi = Non → pourquoi) and one on an earlier screen (situation = C → precision).
/// </summary>
public sealed record TestQuestionnaire(int Id, string Slug, IReadOnlyList<int> Sections, IReadOnlyDictionary<string, TestQuestion> Questions)
{
    public TestQuestion this[string key] => Questions[key];

    /// <summary>A complete, valid answer as form fields, posted from the last screen.</summary>
    public Dictionary<string, string> CompleteAnswer(string idea = "Être prévenu plus tôt des rendez-vous.") => new()
    {
        [this["situation"].Field] = this["situation"].Option(0),
        [this["suivi"].Field] = this["suivi"].Option(1),
        [this["pourquoi"].Field] = this["pourquoi"].Option(1),
        [this["note"].Field] = this["note"].Option(3),
        [$"{this["priorites"].Field}-o{this["priorites"].Options[0]}"] = "2",
        [$"{this["priorites"].Field}-o{this["priorites"].Options[1]}"] = "3",
        [$"{this["priorites"].Field}-o{this["priorites"].Options[2]}"] = "1",
        [this["idee"].Field] = idea,
    };
}

public static class QuestionnaireBuilderExtensions
{
    public static async Task<T> WithConsultationsAsync<T>(this ParticipationApp app, Func<IServiceProvider, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider);
    }

    public static async Task<TestQuestionnaire> CreateQuestionnaireAsync(this ParticipationApp app, string title,
        QuestionnaireAccess access = QuestionnaireAccess.OpenLink, bool publish = true, int opensInDays = -1, int closesInDays = 30, params string[] translations)
    {
        var id = await app.WithConsultationsAsync(async services =>
        {
            var builder = services.GetRequiredService<QuestionnaireBuilder>();
            var now = DateTimeOffset.UtcNow;
            var created = await builder.CreateAsync(new QuestionnaireSettings(title, "Votre avis nous aide.", access, now.AddDays(opensInDays), now.AddDays(closesInDays), translations));
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Values));
            var questionnaireId = created.Value;
            var first = await services.GetRequiredService<Web.Data.ParticipationDb>().QuestionnaireSections.Where(s => s.QuestionnaireId == questionnaireId).Select(s => s.Id).SingleAsync();
            var second = (await builder.AddSectionAsync(questionnaireId, "Détails")).Value;
            var third = (await builder.AddSectionAsync(questionnaireId, "Idées")).Value;

            async Task<int> Add(int section, QuestionKind kind, string text, bool required, params string[] options)
            {
                var added = await builder.AddQuestionAsync(questionnaireId, section, new QuestionDraft(kind, text, null, required, options, null));
                Assert.True(added.Succeeded, string.Join(" ", added.Errors.Values));
                return added.Value;
            }
            var situation = await Add(first, QuestionKind.SingleChoice, "Votre situation", true, "A", "B", "C");
            var suivi = await Add(first, QuestionKind.YesNo, "Êtes-vous suivi·e ?", true);
            var pourquoi = await Add(first, QuestionKind.MultipleChoice, "Pourquoi pas ?", false, "X", "Y");
            await Add(second, QuestionKind.Scale, "Votre note", true);
            await Add(second, QuestionKind.Ranking, "Vos priorités", true, "P1", "P2", "P3");
            await Add(third, QuestionKind.FreeText, "Une idée ?", false);
            var precision = await Add(third, QuestionKind.FreeText, "Précisez votre situation C", false);

            var db = services.GetRequiredService<Web.Data.ParticipationDb>();
            var no = await db.QuestionOptions.Where(o => o.QuestionId == suivi).OrderBy(o => o.Position).Skip(1).Select(o => o.Id).FirstAsync();
            var c = await db.QuestionOptions.Where(o => o.QuestionId == situation).OrderBy(o => o.Position).Skip(2).Select(o => o.Id).FirstAsync();
            await SetConditionAsync(builder, questionnaireId, pourquoi, "Pourquoi pas ?", QuestionKind.MultipleChoice, ["X", "Y"], no);
            await SetConditionAsync(builder, questionnaireId, precision, "Précisez votre situation C", QuestionKind.FreeText, [], c);
            if (publish)
            {
                Assert.True((await builder.PublishAsync(questionnaireId, true)).Succeeded);
            }
            return questionnaireId;
        });
        return await app.DescribeQuestionnaireAsync(id);
    }

    private static async Task SetConditionAsync(QuestionnaireBuilder builder, int questionnaireId, int questionId, string text, QuestionKind kind, string[] options, int optionId)
    {
        var result = await builder.UpdateQuestionAsync(questionnaireId, questionId, new QuestionDraft(kind, text, null, false, options, optionId));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
    }

    public static async Task<TestQuestionnaire> DescribeQuestionnaireAsync(this ParticipationApp app, int id) =>
        await app.WithDbAsync(async db =>
        {
            var questionnaire = await db.Questionnaires.AsNoTracking()
                .WithQuestions().SingleAsync(q => q.Id == id);
            var keys = new Dictionary<string, string>
            {
                ["Votre situation"] = "situation", ["Êtes-vous suivi·e ?"] = "suivi", ["Pourquoi pas ?"] = "pourquoi", ["Votre note"] = "note",
                ["Vos priorités"] = "priorites", ["Une idée ?"] = "idee", ["Précisez votre situation C"] = "precision",
            };
            var questions = questionnaire.Sections.SelectMany(s => s.Questions)
                .ToDictionary(q => keys.GetValueOrDefault(q.Text, q.Text), q => new TestQuestion(q.Id, q.Options.OrderBy(o => o.Position).Select(o => o.Id).ToList()));
            return new TestQuestionnaire(id, questionnaire.Slug, questionnaire.Sections.OrderBy(s => s.Position).Select(s => s.Id).ToList(), questions);
        });

    /// <summary>Posts answer fields as the answer page's form would, with the antiforgery token of the page.</summary>
    public static async Task<HttpResponseMessage> PostAnswerAsync(this HttpClient client, string slug, IDictionary<string, string> fields, string handler = "", string? query = null)
    {
        var landing = await client.GetDocumentAsync($"/consultations/{slug}{query}");
        var token = landing.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No form to answer on /consultations/{slug}: {landing.Text()}");
        var values = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        var url = handler.Length == 0 ? $"/consultations/{slug}" : $"/consultations/{slug}?handler={handler}";
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts to a handler of a page that has several forms, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostHandlerAsync(this HttpClient client, string pageUrl, string postUrl, IDictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No form on {pageUrl}");
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    /// <summary>Sends a complete answer from the last screen, as a parent who went through every screen would.</summary>
    public static async Task<HttpResponseMessage> SendAnswerAsync(this HttpClient client, TestQuestionnaire questionnaire, IDictionary<string, string> fields, string? code = null, string language = "fr")
    {
        var all = new Dictionary<string, string>(fields) { ["langue"] = language, ["partie"] = questionnaire.Sections[^1].ToString(System.Globalization.CultureInfo.InvariantCulture), ["action"] = "envoyer" };
        if (code is not null)
        {
            all["code"] = code;
        }
        return await client.PostAnswerAsync(questionnaire.Slug, all);
    }

    public static async Task<int> SubmittedCountAsync(this ParticipationApp app, int questionnaireId) =>
        await app.WithDbAsync(db => db.Responses.CountAsync(r => r.QuestionnaireId == questionnaireId && r.Status == ResponseStatus.Submitted));

    public static async Task<IReadOnlyList<string>> InvitationCodesAsync(this ParticipationApp app, int questionnaireId, int count) =>
        await app.WithConsultationsAsync<IReadOnlyList<string>>(async services =>
        {
            var responses = services.GetRequiredService<Responses>();
            var batch = await responses.CreateInvitationsAsync(questionnaireId, "Lot de test", count);
            return batch.Invitations.Select(responses.Unseal).ToList();
        });

    public static void AssertRedirectsToThanks(this HttpResponseMessage response, string slug)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected the thank-you page, got {(int)response.StatusCode}");
        Assert.StartsWith($"/consultations/{slug}/merci", response.Headers.Location!.OriginalString);
    }
}
