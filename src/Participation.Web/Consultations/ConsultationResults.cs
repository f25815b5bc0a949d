using System.Globalization;
using Participation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Web.Consultations;

/// <summary>How results may be split: not at all, by the answer to a choice question, by language or by channel.</summary>
public sealed record ResultSplit(string Kind, int? QuestionId = null)
{
    public static readonly ResultSplit None = new("aucune");
    public static readonly ResultSplit ByLanguage = new("langue");
    public static readonly ResultSplit ByChannel = new("canal");
    public string Value => QuestionId is { } id ? $"q{id}" : Kind;

    public static ResultSplit Parse(string? value) => value switch
    {
        "langue" => ByLanguage,
        "canal" => ByChannel,
        ['q', .. var rest] when int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var id) => new("question", id),
        _ => None,
    };
}

public sealed record FreeText(int AnswerId, int ResponseId, string Text, Theme Themes, int? ProposalId);

public sealed record RankRow(string Option, double AverageRank, int TimesFirst);

/// <summary>One question's figures within a group; none when <see cref="Masking"/> withholds them.</summary>
public sealed record QuestionResult(QuestionShape Question, int Answered, Masking Masking, IReadOnlyList<Figure> Figures, double? Mean, IReadOnlyList<RankRow> Ranking, IReadOnlyList<FreeText> Texts)
{
    /// <summary>Written answers held for safety: counted, never shown, until a moderator releases them.</summary>
    public int HeldForSafety { get; init; }

    public bool Hidden => Masking != Masking.Shown;
}

public sealed record GroupResult(string Label, int Responses, Masking Masking, IReadOnlyList<QuestionResult> Questions)
{
    public bool Hidden => Masking != Masking.Shown;
}

/// <summary>A proposal drawn from a consultation's answers, as the public sees it.</summary>
public sealed record OutcomeProposal(int Id, string Title, ProposalStatus Status);

public sealed record Outcome(int Responses, IReadOnlyList<OutcomeProposal> Proposals);

public sealed record ResultsView(int Submitted, int Drafts, int Paper, IReadOnlyList<GroupResult> Groups);

/// <summary>
/// Counts a questionnaire's answers, with the small-group rule of <see cref="SmallGroups"/>: a
/// handful of answers can point to a family.
/// </summary>
public sealed class ConsultationResults(ParticipationDb db)
{
    public const int MinimumGroup = SmallGroups.Minimum;

    private sealed record Row(int AnswerId, int ResponseId, int QuestionId, int? OptionId, int? Rank, string? Text, Theme Themes, int? ProposalId, bool Held);

    private sealed record Respondent(int Id, string Language, ResponseChannel Channel, DateTimeOffset? SubmittedAt);

    public async Task<ResultsView> ComputeAsync(QuestionnaireForm form, ResultSplit breakdown)
    {
        var respondents = await SubmittedAsync(form.Id);
        var rows = await RowsAsync(form.Id);
        var drafts = await db.Responses.CountAsync(r => r.QuestionnaireId == form.Id && r.Status == ResponseStatus.Draft);
        var byResponse = rows.ToLookup(r => r.ResponseId);

        // Groups never overlap: a family is in one of them at most, so the whole minus the shown groups is what they hide.
        var groups = new List<(string Label, IReadOnlyList<Respondent> Members)>();
        if (breakdown.QuestionId is { } splitId && form.Find(splitId) is { HasSingleAnswer: true } split)
        {
            foreach (var option in split.Options)
            {
                groups.Add(($"« {option.Text} » à « {split.Text} »", respondents.Where(r => byResponse[r.Id].Any(a => a.QuestionId == splitId && a.OptionId == option.Id)).ToList()));
            }
        }
        else if (breakdown == ResultSplit.ByLanguage)
        {
            groups.AddRange(Languages.All.Select(l => ($"Réponses en {l.FrenchName}", (IReadOnlyList<Respondent>)respondents.Where(r => r.Language == l.Code).ToList())).Where(g => g.Item2.Count > 0));
        }
        else if (breakdown == ResultSplit.ByChannel)
        {
            groups.Add(("Réponses en ligne", respondents.Where(r => r.Channel == ResponseChannel.Online).ToList()));
            groups.Add(("Réponses sur papier", respondents.Where(r => r.Channel == ResponseChannel.Paper).ToList()));
        }
        else
        {
            groups.Add(("Toutes les réponses", respondents));
        }

        var groupMasks = SmallGroups.Mask(groups.Select(g => g.Members.Count).ToList(), respondents.Count);
        var counted = groups.Select((g, i) => groupMasks[i] == Masking.Shown
            ? form.Questions.Select(q => Count(q, g.Members.SelectMany(m => byResponse[m.Id]).Where(a => a.QuestionId == q.Id).ToList())).ToList()
            : []).ToList();

        // Each question again: the families who answered it, minus those shown group by group.
        foreach (var (question, index) in form.Questions.Select((q, i) => (q, i)))
        {
            var answered = rows.Where(r => r.QuestionId == question.Id).Select(r => r.ResponseId).Distinct().Count();
            var cells = counted.Select((c, g) => groupMasks[g] == Masking.Shown ? c[index].Answered : 0).ToList();
            var masks = SmallGroups.Mask(cells, answered);
            for (var g = 0; g < counted.Count; g++)
            {
                if (groupMasks[g] == Masking.Shown && masks[g] != Masking.Shown)
                {
                    counted[g][index] = new QuestionResult(question, cells[g], masks[g], [], null, [], []);
                }
            }
        }

        var results = groups.Select((g, i) => new GroupResult(g.Label, g.Members.Count, groupMasks[i], counted[i])).ToList();
        return new ResultsView(respondents.Count, drafts, respondents.Count(r => r.Channel == ResponseChannel.Paper), results);
    }

    private static QuestionResult Count(QuestionShape question, IReadOnlyList<Row> mine)
    {
        var answered = mine.Select(r => r.ResponseId).Distinct().Count();
        if (answered < MinimumGroup)
        {
            return new QuestionResult(question, answered, Masking.TooFew, [], null, [], []);
        }
        if (question.Kind == QuestionKind.FreeText)
        {
            var texts = mine.Where(r => r.Text is not null && !r.Held).OrderByDescending(r => r.AnswerId)
                .Select(r => new FreeText(r.AnswerId, r.ResponseId, r.Text!, r.Themes, r.ProposalId)).ToList();
            return new QuestionResult(question, answered, Masking.Shown, [], null, [], texts) { HeldForSafety = mine.Count(r => r.Held) };
        }
        if (question.Kind == QuestionKind.Ranking)
        {
            var ranking = question.Options
                .Select(o => new RankRow(o.Text.Value, mine.Where(r => r.OptionId == o.Id).Select(r => r.Rank ?? 0).DefaultIfEmpty(0).Average(), mine.Count(r => r.OptionId == o.Id && r.Rank == 1)))
                .OrderBy(r => r.AverageRank).ToList();
            return new QuestionResult(question, answered, Masking.Shown, ranking.Select(r => new Figure(r.Option, r.TimesFirst)).ToList(), null, ranking, []);
        }
        var figures = question.Options.Select((o, i) => new Figure(
            question.Kind == QuestionKind.Scale ? $"{i + 1} — {o.Text}" : o.Text.Value,
            mine.Count(r => r.OptionId == o.Id))).ToList();
        double? mean = question.Kind == QuestionKind.Scale
            ? mine.Average(r => question.Options.ToList().FindIndex(o => o.Id == r.OptionId) + 1.0)
            : null;
        return new QuestionResult(question, answered, Masking.Shown, figures, mean, [], []);
    }

    public const string Withheld = "masqué";

    /// <summary>What the export says of a written answer held for safety, until its case releases it.</summary>
    public const string HeldForSafety = "mis de côté (sécurité)";

    /// <summary>
    /// Raw answers, one row per family, one column per question; never a code or who typed a paper
    /// answer. Nothing before <see cref="MinimumGroup"/> families have answered; a question fewer
    /// answered is withheld, and so are language, channel and month where they would single out a
    /// small group.
    /// </summary>
    /// <returns>False, writing nothing, while too few families have answered.</returns>
    public async Task<bool> WriteCsvAsync(QuestionnaireForm form, TextWriter output)
    {
        var respondents = await SubmittedAsync(form.Id);
        if (respondents.Count < MinimumGroup)
        {
            return false;
        }
        var byResponse = (await RowsAsync(form.Id)).ToLookup(r => r.ResponseId);
        var options = form.Questions.SelectMany(q => q.Options).ToDictionary(o => o.Id, o => o.Text.Value);
        var questions = form.Questions
            .Select(q => (Question: q, Withheld: respondents.Count(r => byResponse[r.Id].Any(a => a.QuestionId == q.Id)) < MinimumGroup))
            .ToList();
        // Listed from the first to withhold to the last.
        var described = TogetherAtLeastMinimum(
        [
            Generalise(respondents.Select(r => r.SubmittedAt is { } sent ? TimeZoneInfo.ConvertTime(sent, TimeZoneInfo.Local).ToString("yyyy-MM", CultureInfo.InvariantCulture) : "").ToList(), "autre mois"),
            Generalise(respondents.Select(r => r.Channel == ResponseChannel.Paper ? "papier" : "en ligne").ToList(), "autre"),
            Generalise(respondents.Select(r => r.Language).ToList(), "autre langue"),
        ]);
        var (months, channels, languages) = (described[0], described[1], described[2]);

        await using var csv = SpreadsheetCsv.Writer(output);
        csv.WriteField("réponse");
        csv.WriteField("mois");
        csv.WriteField("langue");
        csv.WriteField("canal");
        foreach (var (question, _) in questions)
        {
            csv.WriteField($"Q{question.Number} {question.Text}");
        }
        await csv.NextRecordAsync();
        for (var i = 0; i < respondents.Count; i++)
        {
            // Numbered in order of sending, not by database id, which says nothing useful and could link files.
            csv.WriteField(i + 1);
            csv.WriteField(months[i]);
            csv.WriteField(languages[i]);
            csv.WriteField(channels[i]);
            var answers = byResponse[respondents[i].Id].ToList();
            foreach (var (question, withheld) in questions)
            {
                var mine = answers.Where(a => a.QuestionId == question.Id).ToList();
                csv.WriteField(question.Kind switch
                {
                    _ when withheld => Withheld,
                    _ when mine.Count == 0 => "",
                    QuestionKind.FreeText when mine[0].Held => HeldForSafety,
                    QuestionKind.FreeText => mine[0].Text,
                    QuestionKind.Scale => (question.Options.ToList().FindIndex(o => o.Id == mine[0].OptionId) + 1).ToString(CultureInfo.InvariantCulture),
                    QuestionKind.Ranking => string.Join(" > ", mine.OrderBy(a => a.Rank).Select(a => options[a.OptionId!.Value])),
                    _ => string.Join(" | ", mine.Select(a => options[a.OptionId!.Value])),
                });
            }
            await csv.NextRecordAsync();
        }
        return true;
    }

    /// <summary>
    /// Describing columns that, read together, still single out no one: while some combination of
    /// their values is shared by fewer than the minimum, the first column still shown is withheld.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> TogetherAtLeastMinimum(IReadOnlyList<IReadOnlyList<string>> columns)
    {
        var kept = columns.ToList();
        var rows = kept.Count == 0 ? 0 : kept[0].Count;
        for (var next = 0; next < kept.Count; next++)
        {
            var combinations = Enumerable.Range(0, rows).CountBy(row => string.Join("\u001F", kept.Select(column => column[row])));
            if (combinations.All(c => c.Value >= MinimumGroup))
            {
                break;
            }
            kept[next] = Enumerable.Repeat(Withheld, rows).ToList();
        }
        return kept;
    }

    /// <summary>
    /// A describing column as it may be exported: values shared by fewer than the minimum become
    /// <paramref name="other"/>; if even those together are too few, the whole column is withheld.
    /// </summary>
    public static IReadOnlyList<string> Generalise(IReadOnlyList<string> values, string other)
    {
        var counts = values.CountBy(v => v).ToDictionary();
        var rare = counts.Where(c => c.Value < MinimumGroup).Sum(c => c.Value);
        if (rare == 0)
        {
            return values;
        }
        // Grouping everyone as "other" would say nothing: then the column is withheld as well.
        return rare < MinimumGroup || rare == values.Count
            ? values.Select(_ => Withheld).ToList()
            : values.Select(v => counts[v] < MinimumGroup ? other : v).ToList();
    }

    private async Task<List<Respondent>> SubmittedAsync(int questionnaireId) =>
        await db.Responses.AsNoTracking()
            .Where(r => r.QuestionnaireId == questionnaireId && r.Status == ResponseStatus.Submitted)
            .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)
            .Select(r => new Respondent(r.Id, r.Language, r.Channel, r.SubmittedAt))
            .ToListAsync();

    private async Task<List<Row>> RowsAsync(int questionnaireId) =>
        await db.Answers.AsNoTracking()
            .Where(a => db.Responses.Any(r => r.Id == a.ResponseId && r.QuestionnaireId == questionnaireId && r.Status == ResponseStatus.Submitted))
            .Select(a => new Row(a.Id, a.ResponseId, a.QuestionId, a.OptionId, a.Rank, a.Text, a.Themes, a.ProposalId, a.HeldForSafety))
            .ToListAsync();

    /// <summary>
    /// For each questionnaire, how many families answered and which public proposals came from their
    /// answers: the feedback that tells parents their word was used.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, Outcome>> OutcomesAsync(IReadOnlyCollection<int> questionnaireIds)
    {
        var counts = await db.Responses
            .Where(r => questionnaireIds.Contains(r.QuestionnaireId) && r.Status == ResponseStatus.Submitted)
            .GroupBy(r => r.QuestionnaireId)
            .Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count);
        // The answer a proposal was drawn from says which questionnaire it came from.
        var proposals = await (
                from a in db.Answers
                join r in db.Responses on a.ResponseId equals r.Id
                join p in db.Proposals on a.ProposalId equals p.Id
                where questionnaireIds.Contains(r.QuestionnaireId) && !Lifecycle.Unpublished.Contains(p.Status)
                orderby p.Id
                select new { r.QuestionnaireId, Proposal = new OutcomeProposal(p.Id, p.Title, p.Status) })
            .ToListAsync();
        var byQuestionnaire = proposals.ToLookup(p => p.QuestionnaireId, p => p.Proposal);
        return questionnaireIds.ToDictionary(id => id, id => new Outcome(counts.GetValueOrDefault(id), byQuestionnaire[id].ToList()));
    }

    public static string Reference(int questionnaireId, int answerId) => $"questionnaire:{questionnaireId}/answer:{answerId}";

    /// <summary>Staff tag a free-text answer with themes, to read the answers by theme and prepare proposals.</summary>
    public async Task<bool> TagAsync(int questionnaireId, int answerId, Theme themes)
    {
        var changed = await db.Answers
            .Where(a => a.Id == answerId && a.Text != null && !a.HeldForSafety && db.Responses.Any(r => r.Id == a.ResponseId && r.QuestionnaireId == questionnaireId && r.Status == ResponseStatus.Submitted))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Themes, themes));
        return changed == 1;
    }
}
