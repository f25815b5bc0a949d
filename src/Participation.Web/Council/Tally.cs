namespace Participation.Web.Council;

public enum PollKind
{
    SingleChoice,
    MultipleChoice,
    EmojiScale,
    Ranking,
    MajorityJudgment,
}

/// <summary>
/// A ballot as sent by a phone: option ids for choices and scales, option ids in order for a
/// ranking, and one grade per option for majority judgment.
/// </summary>
public sealed record BallotChoice(IReadOnlyList<int> Options, IReadOnlyDictionary<int, Grade>? Grades = null)
{
    /// <summary>Stored form: "3", "1,4", "2>1>3", "1:0,2:3,3:6".</summary>
    public string Serialise(PollKind kind) => kind switch
    {
        PollKind.Ranking => string.Join('>', Options),
        PollKind.MajorityJudgment => string.Join(',', Grades!.OrderBy(g => g.Key).Select(g => $"{g.Key}:{(int)g.Value}")),
        _ => string.Join(',', Options),
    };

    public static BallotChoice Parse(PollKind kind, string stored) => kind switch
    {
        PollKind.Ranking => new(stored.Split('>', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList()),
        PollKind.MajorityJudgment => new([], stored.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(':')).ToDictionary(p => int.Parse(p[0]), p => (Grade)int.Parse(p[1]))),
        _ => new(stored.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList()),
    };

    /// <summary>Null when the ballot fits the poll, otherwise the French reason.</summary>
    public string? Validate(PollKind kind, IReadOnlyList<int> optionIds)
    {
        var known = optionIds.ToHashSet();
        switch (kind)
        {
            case PollKind.SingleChoice or PollKind.EmojiScale:
                return Options.Count == 1 && known.Contains(Options[0]) ? null : "Choisis une seule réponse.";
            case PollKind.MultipleChoice:
                return Options.Count >= 1 && Options.All(known.Contains) && Options.Distinct().Count() == Options.Count ? null : "Choisis au moins une réponse.";
            case PollKind.Ranking:
                return Options.Count == known.Count && Options.ToHashSet().SetEquals(known) ? null : "Range toutes les réponses, chacune une fois.";
            case PollKind.MajorityJudgment:
                return Grades is not null && Grades.Count == known.Count && Grades.Keys.ToHashSet().SetEquals(known)
                    && Grades.Values.All(g => Enum.IsDefined(g)) ? null : "Donne une mention à chaque réponse.";
            default:
                return "Ce type de vote n'existe pas.";
        }
    }
}

/// <summary>The running result of one poll, kept in memory and changed ballot by ballot.</summary>
public sealed class Tally(PollKind kind, IReadOnlyList<int> optionIds)
{
    private readonly Dictionary<int, int> _counts = optionIds.ToDictionary(id => id, _ => 0);
    private readonly Dictionary<int, int[]> _grades = optionIds.ToDictionary(id => id, _ => new int[MajorityJudgment.Grades.Count]);

    public PollKind Kind { get; } = kind;
    public IReadOnlyList<int> OptionIds { get; } = optionIds;
    public int Ballots { get; private set; }

    /// <summary>Adds a ballot, taking away the one it replaces when a participant changes their mind.</summary>
    public void Apply(BallotChoice? previous, BallotChoice next)
    {
        if (previous is not null)
        {
            Add(previous, -1);
        }
        else
        {
            Ballots++;
        }
        Add(next, +1);
    }

    /// <summary>Takes a ballot away, when its participant is removed from the session.</summary>
    public void Withdraw(BallotChoice ballot)
    {
        Add(ballot, -1);
        Ballots--;
    }

    private void Add(BallotChoice ballot, int sign)
    {
        switch (Kind)
        {
            case PollKind.Ranking:
                // Borda count: first of n gets n-1 points, last gets 0.
                for (var i = 0; i < ballot.Options.Count; i++)
                {
                    _counts[ballot.Options[i]] += sign * (ballot.Options.Count - 1 - i);
                }
                break;
            case PollKind.MajorityJudgment:
                foreach (var (option, grade) in ballot.Grades!)
                {
                    _grades[option][(int)grade] += sign;
                }
                break;
            default:
                foreach (var option in ballot.Options)
                {
                    _counts[option] += sign;
                }
                break;
        }
    }

    public IReadOnlyDictionary<int, int> Counts => _counts;

    public IReadOnlyList<MeritProfile> Profiles => OptionIds.Select(id => new MeritProfile(id, _grades[id].ToArray())).ToList();
}
