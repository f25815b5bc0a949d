namespace Participation.Web.Council;

public static class PollKinds
{
    /// <summary>The five faces of an emoji scale, each with a word: read aloud, by a screen reader, or by a child who reads little.</summary>
    public static IReadOnlyList<string> EmojiScaleOptions { get; } = ["😞 Pas du tout", "😕 Pas trop", "😐 Moyen", "🙂 Bien", "😃 Super"];

    public static string Label(PollKind kind) => kind switch
    {
        PollKind.SingleChoice => "un seul choix",
        PollKind.MultipleChoice => "plusieurs choix",
        PollKind.EmojiScale => "échelle d'émojis",
        PollKind.Ranking => "classement",
        PollKind.MajorityJudgment => "jugement majoritaire",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
