using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Consultations;

/// <summary>
/// Invitation codes and resume codes look alike (8 characters from an alphabet without look-alikes)
/// but are hashed under different purposes, so one can never be taken for the other.
/// </summary>
public static class ConsultationCodes
{
    /// <summary>A new code, normalised (8 characters, no dash).</summary>
    public static string Generate() => ActivationCodes.Normalise(ActivationCodes.Generate())!;
    public static string? Normalise(string? typed) => ActivationCodes.Normalise(typed);
    public static string Display(string normalised) => $"{normalised[..4]}-{normalised[4..]}";
    public static string InvitationHash(string normalised) => ActivationCodes.Hash("invitation:" + normalised);
    public static string DraftHash(string normalised) => ActivationCodes.Hash("brouillon:" + normalised);
}

public enum CodeState
{
    /// <summary>Not a code of this questionnaire.</summary>
    Unknown,

    /// <summary>An invitation not used yet, possibly with a draft to resume.</summary>
    Ready,

    /// <summary>The answers were already sent with this code.</summary>
    Used,
}

/// <summary>Where a parent stands with a code: the answers of a draft, if any, come back with it.</summary>
public sealed record CodeCheck(CodeState State, string? Code = null, IReadOnlyDictionary<int, AnswerValue>? Draft = null, string? DraftLanguage = null, int? DraftSectionId = null);

/// <summary>A response sent. A written answer may say someone is in danger: it is stored, held, and a person will read it soon.</summary>
public sealed record SentResponse(bool HeldForSafety);

/// <summary>
/// Stores families' answers. A response is written whole, in one transaction, when it is sent;
/// before that only a draft the parent explicitly asked to keep is ever stored.
/// </summary>
public sealed class Responses(
    ParticipationDb db, TimeProvider clock, IDataProtectionProvider protection, ResponseWriter writer, Safeguard safeguard, SafetyCases cases)
{
    public const string CodeField = "code";

    /// <summary>The code given is no code of this questionnaire: it counts as a wrong guess.</summary>
    public static bool IsWrongCode(QuestionnaireForm form, IReadOnlyDictionary<string, string> errors) =>
        errors.TryGetValue(CodeField, out var error) && error == form.Wording.CodeUnknown;

    private IDataProtector Sealer => protection.CreateProtector("Participation.Consultations.InvitationCodes");

    /// <summary>Makes a batch of single-use invitation codes; they can be printed again later.</summary>
    public async Task<InvitationBatch> CreateInvitationsAsync(int questionnaireId, string label, int count)
    {
        var batch = new InvitationBatch { QuestionnaireId = questionnaireId, Label = label, CreatedAt = clock.GetUtcNow() };
        var made = new HashSet<string>();
        while (made.Count < count)
        {
            var code = ConsultationCodes.Generate();
            if (made.Add(code))
            {
                batch.Invitations.Add(new Invitation { QuestionnaireId = questionnaireId, CodeHash = ConsultationCodes.InvitationHash(code), SealedCode = Sealer.Protect(code) });
            }
        }
        db.InvitationBatches.Add(batch);
        await db.SaveChangesAsync();
        return batch;
    }

    public string Unseal(Invitation invitation) => ConsultationCodes.Display(Sealer.Unprotect(invitation.SealedCode));

    /// <summary>What a typed code opens: an invitation (and its draft), an open-link draft, or nothing.</summary>
    public async Task<CodeCheck> CheckAsync(int questionnaireId, string? typed)
    {
        if (ConsultationCodes.Normalise(typed) is not { } code)
        {
            return new CodeCheck(CodeState.Unknown);
        }
        var invitationHash = ConsultationCodes.InvitationHash(code);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.CodeHash == invitationHash && i.QuestionnaireId == questionnaireId);
        Response? draft;
        if (invitation is not null)
        {
            if (invitation.UsedAt is not null)
            {
                return new CodeCheck(CodeState.Used);
            }
            draft = await db.Responses.AsNoTracking().Include(r => r.Answers).SingleOrDefaultAsync(r => r.InvitationId == invitation.Id);
        }
        else
        {
            var draftHash = ConsultationCodes.DraftHash(code);
            draft = await db.Responses.AsNoTracking().Include(r => r.Answers).SingleOrDefaultAsync(r => r.ResumeCodeHash == draftHash && r.QuestionnaireId == questionnaireId);
            if (draft is null)
            {
                return new CodeCheck(CodeState.Unknown);
            }
        }
        if (draft is { Status: ResponseStatus.Submitted })
        {
            return new CodeCheck(CodeState.Used);
        }
        return new CodeCheck(CodeState.Ready, ConsultationCodes.Display(code), draft is null ? null : ToAnswers(draft.Answers), draft?.Language, draft?.ResumeSectionId);
    }

    /// <summary>
    /// Sends a complete response. Every screen is checked again here; with a code, the invitation is
    /// marked used in the same transaction, so a code cannot be used twice even by two phones at once.
    /// </summary>
    public async Task<CommandResult<SentResponse>> SubmitAsync(QuestionnaireForm form, IReadOnlyDictionary<int, AnswerValue> given, string? typedCode, ResponseChannel channel, string? enteredById = null, string? paperLanguage = null)
    {
        var answers = form.Kept(given);
        var errors = new Dictionary<string, string>();
        foreach (var screen in form.Screens(answers))
        {
            foreach (var (field, message) in form.Missing(screen, answers))
            {
                errors[field] = message;
            }
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }

        var now = clock.GetUtcNow();
        // Every written answer is read before it is stored: one that may say someone is in danger is
        // stored held, together with its case, and stays out of the results until a moderator releases it.
        var rows = Rows(form, answers);
        var held = rows.Where(a => a.Text is not null)
            .Select(a => (Answer: a, Screening: safeguard.Screen(a.Text, Writer.Parent)))
            .Where(x => x.Screening.Verdict == Verdict.Urgent)
            .ToList();
        held.ForEach(x => x.Answer.HeldForSafety = true);
        var stored = CommandResult.Ok(new SentResponse(HeldForSafety: held.Count > 0));
        if (string.IsNullOrWhiteSpace(typedCode) && (form.Access == QuestionnaireAccess.OpenLink || channel != ResponseChannel.Online))
        {
            // No code, so nothing to claim: a new response, written together with those sent at the same moment.
            var fresh = new Response
            {
                QuestionnaireId = form.Id, Status = ResponseStatus.Submitted, Channel = channel,
                Language = Languages.Find(paperLanguage)?.Code ?? form.Language.Code,
                SubmittedAt = now, UpdatedAt = now, EnteredById = enteredById, Answers = rows,
            };
            if (held.Count == 0)
            {
                return await writer.WriteAsync(fresh) ? stored : CommandResult.Fail("", form.Wording.NotStored);
            }
            await using var heldTransaction = await db.Database.BeginTransactionAsync();
            db.Responses.Add(fresh);
            await db.SaveChangesAsync();
            var opened = StageCases(form, fresh, held);
            await db.SaveChangesAsync();
            await heldTransaction.CommitAsync();
            await AnnounceAsync(opened);
            return stored;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var (response, error) = await ClaimAsync(form, typedCode, channel, markUsed: true, now);
        if (error is not null)
        {
            return CommandResult.Fail(CodeField, error);
        }
        var replacesDraft = db.Entry(response!).State != EntityState.Added;
        if (replacesDraft)
        {
            // A draft becomes a new response under a new number: nothing kept about the draft, which
            // knew its invitation or its code, leads to the answer sent.
            db.Responses.Remove(response!);
            response = new Response { QuestionnaireId = form.Id, Language = form.Language.Code };
            db.Responses.Add(response);
        }
        response!.Status = ResponseStatus.Submitted;
        response.Channel = channel;
        response.Language = Languages.Find(paperLanguage)?.Code ?? form.Language.Code;
        response.SubmittedAt = now;
        response.UpdatedAt = now;
        response.EnteredById = enteredById;
        // Once sent, an answer keeps nothing of the code it came with: neither the invitation nor the
        // code to resume it, and the invitation keeps only the day it was used, not the moment.
        response.ResumeCodeHash = null;
        response.InvitationId = null;
        Replace(response, rows);
        await db.SaveChangesAsync();
        var staged = StageCases(form, response, held);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        if (replacesDraft)
        {
            await db.Database.ForgetDeletedRowsAsync();
        }
        await AnnounceAsync(staged);
        return stored;
    }

    private List<SafetyCase> StageCases(QuestionnaireForm form, Response response, IEnumerable<(Answer Answer, Screening Screening)> held) =>
        held.Select(x => cases.Stage(new HeldText(
                SafetyChannel.QuestionnaireAnswer,
                x.Answer.Id.ToString(CultureInfo.InvariantCulture),
                $"Questionnaire « {form.Title.Value} », question {form.Find(x.Answer.QuestionId)?.Number}, réponse anonyme{(response.Channel == ResponseChannel.Online ? "" : " saisie depuis le papier")}",
                $"/pilotage/consultations/{form.Id}/resultats",
                x.Answer.Text!, null, null), x.Screening))
            .ToList();

    private async Task AnnounceAsync(IEnumerable<SafetyCase> opened)
    {
        foreach (var safetyCase in opened)
        {
            await cases.AnnounceAsync(safetyCase);
        }
    }

    /// <summary>Keeps what has been answered so far and the screen the parent is on, because they asked to; returns the code to come back with.</summary>
    public async Task<CommandResult<string>> SaveDraftAsync(QuestionnaireForm form, IReadOnlyDictionary<int, AnswerValue> given, string? typedCode, int? sectionId = null)
    {
        var answers = form.Kept(given);
        if (answers.Count == 0)
        {
            return CommandResult.Fail("", form.Wording.NothingToSave);
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var (response, error) = await ClaimAsync(form, typedCode, ResponseChannel.Online, markUsed: false, now);
        if (error is not null)
        {
            return CommandResult.Fail(CodeField, error);
        }
        var code = ConsultationCodes.Normalise(typedCode);
        if (response!.InvitationId is null && response.ResumeCodeHash is null)
        {
            code = ConsultationCodes.Generate();
            response.ResumeCodeHash = ConsultationCodes.DraftHash(code);
        }
        response.Status = ResponseStatus.Draft;
        response.Language = form.Language.Code;
        response.ResumeSectionId = sectionId;
        response.UpdatedAt = now;
        Replace(response, Rows(form, answers));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Ok(ConsultationCodes.Display(code!));
    }

    /// <summary>The response a code stands for (a new one without code), or why the code cannot be used.</summary>
    private async Task<(Response? Response, string? Error)> ClaimAsync(QuestionnaireForm form, string? typedCode, ResponseChannel channel, bool markUsed, DateTimeOffset now)
    {
        var words = form.Wording;
        var code = ConsultationCodes.Normalise(typedCode);
        if (code is null)
        {
            if (!string.IsNullOrWhiteSpace(typedCode))
            {
                return (null, words.CodeUnknown);
            }
            if (form.Access == QuestionnaireAccess.Invitation && channel == ResponseChannel.Online)
            {
                return (null, words.CodeNeeded);
            }
            var fresh = new Response { QuestionnaireId = form.Id, Language = form.Language.Code };
            db.Responses.Add(fresh);
            return (fresh, null);
        }

        var invitationHash = ConsultationCodes.InvitationHash(code);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.CodeHash == invitationHash && i.QuestionnaireId == form.Id);
        if (invitation is not null)
        {
            if (markUsed)
            {
                // Set-based and conditional: of two phones sending the same code, one wins.
                var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
                var claimed = await db.Invitations.Where(i => i.Id == invitation.Id && i.UsedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(i => i.UsedAt, day));
                if (claimed == 0)
                {
                    return (null, words.CodeUsed);
                }
            }
            else if (invitation.UsedAt is not null)
            {
                return (null, words.CodeUsed);
            }
            var existing = await db.Responses.Include(r => r.Answers).SingleOrDefaultAsync(r => r.InvitationId == invitation.Id);
            if (existing is { Status: ResponseStatus.Submitted })
            {
                return (null, words.CodeUsed);
            }
            if (existing is null)
            {
                existing = new Response { QuestionnaireId = form.Id, InvitationId = invitation.Id, Language = form.Language.Code };
                db.Responses.Add(existing);
            }
            return (existing, null);
        }

        var draftHash = ConsultationCodes.DraftHash(code);
        var draft = await db.Responses.Include(r => r.Answers).SingleOrDefaultAsync(r => r.ResumeCodeHash == draftHash && r.QuestionnaireId == form.Id);
        return draft switch
        {
            null => (null, words.CodeUnknown),
            { Status: ResponseStatus.Submitted } => (null, words.CodeUsed),
            _ => (draft, null),
        };
    }

    private void Replace(Response response, List<Answer> rows)
    {
        db.Answers.RemoveRange(response.Answers);
        response.Answers.Clear();
        response.Answers.AddRange(rows);
    }

    /// <summary>One row per chosen option (ranked for a ranking), or one for a written answer.</summary>
    private static List<Answer> Rows(QuestionnaireForm form, IReadOnlyDictionary<int, AnswerValue> answers)
    {
        var rows = new List<Answer>();
        foreach (var (questionId, value) in answers)
        {
            if (value.Text is { } text)
            {
                rows.Add(new Answer { QuestionId = questionId, Text = text });
                continue;
            }
            var ranked = form.Find(questionId)?.Kind == QuestionKind.Ranking;
            for (var i = 0; i < value.OptionIds.Count; i++)
            {
                rows.Add(new Answer { QuestionId = questionId, OptionId = value.OptionIds[i], Rank = ranked ? i + 1 : null });
            }
        }
        return rows;
    }

    public static Dictionary<int, AnswerValue> ToAnswers(IEnumerable<Answer> rows) =>
        rows.GroupBy(a => a.QuestionId).ToDictionary(
            g => g.Key,
            g => g.Any(a => a.Text is not null)
                ? AnswerValue.Written(g.First(a => a.Text is not null).Text!)
                : new AnswerValue(g.OrderBy(a => a.Rank ?? 0).ThenBy(a => a.Id).Select(a => a.OptionId!.Value).ToList()));
}
