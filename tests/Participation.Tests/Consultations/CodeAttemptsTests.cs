using Participation.Tests.Infrastructure;
using Participation.Web.Consultations;

namespace Participation.Tests.Consultations;

public sealed class CodeAttemptsTests
{
    [Fact]
    public async Task Guessing_codes_is_stopped_after_a_few_wrong_ones_but_a_good_code_never_counts()
    {
        using var app = ParticipationApp.With(new Dictionary<string, string?> { ["Consultations:FailedCodesPerMinute"] = "2", ["Demo:Seed"] = "false" });
        var q = await app.CreateQuestionnaireAsync("Deviner des codes", QuestionnaireAccess.Invitation);
        var codes = await app.InvitationCodesAsync(q.Id, 4);
        var client = app.CreateBrowserlessClient();

        // A parent going back and forth with a good code uses none of the allowance.
        foreach (var code in codes.Take(3))
        {
            var started = await (await client.PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["code"] = code }, "Start")).ParseAsync();
            Assert.NotNull(started.QuerySelector(".progress-label"));
        }
        foreach (var guess in new[] { "AAAA-AAAA", "BBBB-BBBB" })
        {
            var refused = await (await client.PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["code"] = guess }, "Start")).ParseAsync();
            Assert.Equal("Ce code n'est pas reconnu. Vérifiez les lettres et les chiffres.", refused.QuerySelector("#erreur-code")!.TextContent);
        }
        var stopped = await (await client.PostAnswerAsync(q.Slug, new Dictionary<string, string> { ["code"] = codes[3] }, "Start")).ParseAsync();
        Assert.Equal("Trop de codes essayés. Attendez une minute avant de réessayer.", stopped.QuerySelector("#erreur-code")!.TextContent);
        var elsewhere = await (await client.PostFormAsync("/consultations", new Dictionary<string, string> { ["code"] = codes[3] })).ParseAsync();
        Assert.Equal("Trop de codes essayés. Attendez une minute avant de réessayer.", elsewhere.QuerySelector("#erreur-code")!.TextContent);
    }

    [Fact]
    public async Task Codes_guessed_on_the_last_screen_count_like_those_typed_at_the_start()
    {
        using var app = ParticipationApp.With(new Dictionary<string, string?> { ["Consultations:FailedCodesPerMinute"] = "2", ["Demo:Seed"] = "false" });
        var q = await app.CreateQuestionnaireAsync("Deviner en envoyant");
        var client = app.CreateBrowserlessClient();
        foreach (var guess in new[] { "AAAA-AAAA", "BBBB-BBBB" })
        {
            var refused = await (await client.SendAnswerAsync(q, q.CompleteAnswer(), guess)).ParseAsync();
            Assert.Equal("Ce code n'est pas reconnu. Vérifiez les lettres et les chiffres.", refused.QuerySelector("#erreur-code")!.TextContent);
        }
        var stopped = await (await client.SendAnswerAsync(q, q.CompleteAnswer(), "CCCC-CCCC")).ParseAsync();
        Assert.Equal("Trop de codes essayés. Attendez une minute avant de réessayer.", stopped.QuerySelector("#erreur-code")!.TextContent);
        // The answers are still on the page, ready to send once the code is put right.
        Assert.Equal("Être prévenu plus tôt des rendez-vous.", stopped.QuerySelector($"textarea[name={q["idee"].Field}]")!.TextContent);
        Assert.Equal(0, await app.SubmittedCountAsync(q.Id));
    }
}
