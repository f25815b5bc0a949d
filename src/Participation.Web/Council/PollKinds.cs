namespace Participation.Web.Council;

public static class PollKinds
{
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
