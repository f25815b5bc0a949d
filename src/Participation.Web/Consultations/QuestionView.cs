namespace Participation.Web.Consultations;

/// <summary>
/// What the question partial needs: the form (for its wording and conditions), the question, the
/// answer so far and its error; and what the parent sent that was not yet an answer (a ranking half
/// numbered, a text too long), so that an error never wipes it.
/// </summary>
public sealed record QuestionView(QuestionnaireForm Form, QuestionShape Question, AnswerValue? Answer, string? Error, IReadOnlyDictionary<int, int>? TypedRanks = null, string? TypedText = null)
{
    /// <summary>The written answer to show in its box: the one kept, or else the words sent and refused.</summary>
    public string? Text => Answer?.Text ?? TypedText;

    /// <summary>A written answer's words as they were sent, whatever their length.</summary>
    public static string? TextSent(QuestionShape question, Microsoft.AspNetCore.Http.HttpRequest request) =>
        question.Kind == QuestionKind.FreeText && request.HasFormContentType && request.Form[question.Field].ToString() is { Length: > 0 } text ? text : null;

    public string ErrorId => Infrastructure.FormPageModel.FieldErrorId(Question.Field);
    public string HelpId => $"aide-{Question.Field}";
    public string? DescribedBy => string.Join(' ', new[] { Question.Help is null ? null : HelpId, Error is null ? null : ErrorId }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
    public bool Chose(int optionId) => Answer?.OptionIds.Contains(optionId) == true;
    public int? RankOf(int optionId) =>
        Answer?.OptionIds.ToList().IndexOf(optionId) is >= 0 and var i ? i + 1
        : TypedRanks is not null && TypedRanks.TryGetValue(optionId, out var typed) ? typed
        : null;

    /// <summary>The numbers chosen in a ranking's lists as they were sent, those that are numbers of the list only.</summary>
    public static IReadOnlyDictionary<int, int>? RanksSent(QuestionShape question, Microsoft.AspNetCore.Http.HttpRequest request)
    {
        if (question.Kind != QuestionKind.Ranking || !request.HasFormContentType)
        {
            return null;
        }
        var ranks = new Dictionary<int, int>();
        foreach (var option in question.Options)
        {
            if (int.TryParse(request.Form[question.RankField(option.Id)].ToString().Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rank)
                && rank >= 1 && rank <= question.Options.Count)
            {
                ranks[option.Id] = rank;
            }
        }
        return ranks;
    }
}
