using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Consultations;

namespace Participation.Tests.Privacy;

/// <summary>Once sent, an answer given with an invitation code cannot be traced back to the code, nor to the moment it was used.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class SentAnswersTests(ParticipationApp app)
{
    [Fact]
    public async Task A_sent_answer_keeps_neither_its_invitation_nor_the_moment_the_code_was_used()
    {
        var q = await app.CreateQuestionnaireAsync("Envoyée, sans lien", QuestionnaireAccess.Invitation);
        var code = (await app.InvitationCodesAsync(q.Id, 1))[0];
        var parent = app.CreateBrowserlessClient();

        // Saved for later, the draft still needs its code to be found again.
        var fields = new Dictionary<string, string>
        {
            [q["situation"].Field] = q["situation"].Option(0), [q["suivi"].Field] = q["suivi"].Option(0),
            ["code"] = code, ["partie"] = q.Sections[0].ToString(System.Globalization.CultureInfo.InvariantCulture), ["action"] = "enregistrer",
        };
        await parent.PostAnswerAsync(q.Slug, fields);
        var draft = await app.WithDbAsync(db => db.Responses.Where(r => r.QuestionnaireId == q.Id && r.InvitationId != null).Select(r => r.Id).SingleAsync());

        (await parent.SendAnswerAsync(q, q.CompleteAnswer(), code)).AssertRedirectsToThanks(q.Slug);

        var sent = await app.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.QuestionnaireId == q.Id));
        Assert.Equal(ResponseStatus.Submitted, sent.Status);
        Assert.Null(sent.InvitationId);
        Assert.Null(sent.ResumeCodeHash);
        // Not even its number: the draft, which knew the invitation, is gone, and the answer is a new row.
        Assert.NotEqual(draft, sent.Id);
        Assert.False(await app.WithDbAsync(db => db.Responses.AnyAsync(r => r.Id == draft)));
        var used = await app.WithDbAsync(db => db.Invitations.Where(i => i.QuestionnaireId == q.Id).Select(i => i.UsedAt).SingleAsync());
        Assert.NotNull(used);
        Assert.Equal(TimeSpan.Zero, used!.Value.UtcDateTime.TimeOfDay);
        Assert.NotEqual(sent.SubmittedAt, used);

        // The code still answers only once.
        var again = await (await app.CreateBrowserlessClient().SendAnswerAsync(q, q.CompleteAnswer(), code)).ParseAsync();
        Assert.Equal("Ce code a déjà servi\u00a0: les réponses ont été envoyées.", again.QuerySelector("#erreur-code")!.TextContent);
        Assert.Equal(1, await app.SubmittedCountAsync(q.Id));
    }
}
