namespace Participation.Web.Consultations;

/// <summary>What the question partial needs: the form (for its wording and conditions), the question, the answer so far and its error.</summary>
public sealed record QuestionView(QuestionnaireForm Form, QuestionShape Question, AnswerValue? Answer, string? Error)
{
    public string ErrorId => Infrastructure.FormPageModel.FieldErrorId(Question.Field);
    public string HelpId => $"aide-{Question.Field}";
    public string? DescribedBy => string.Join(' ', new[] { Question.Help is null ? null : HelpId, Error is null ? null : ErrorId }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
    public bool Chose(int optionId) => Answer?.OptionIds.Contains(optionId) == true;
    public int? RankOf(int optionId) => Answer?.OptionIds.ToList().IndexOf(optionId) is >= 0 and var i ? i + 1 : null;
}
