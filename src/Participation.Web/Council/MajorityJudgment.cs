namespace Participation.Web.Council;

/// <summary>The grades of majority judgment, best first.</summary>
public enum Grade
{
    Excellent,
    VeryGood,
    Good,
    FairlyGood,
    Passable,
    Insufficient,
    Reject,
}

/// <summary>How many ballots gave each grade to one option.</summary>
public sealed record MeritProfile(int OptionId, IReadOnlyList<int> Counts)
{
    public int Total => Counts.Sum();

    /// <summary>
    /// The majority grade: the best grade that a majority gives or better; with an even number of
    /// voters this is the lower of the two middle grades.
    /// </summary>
    public Grade? Median
    {
        get
        {
            if (Total == 0)
            {
                return null;
            }
            var needed = Total / 2 + 1;
            var seen = 0;
            for (var grade = 0; grade < Counts.Count; grade++)
            {
                seen += Counts[grade];
                if (seen >= needed)
                {
                    return (Grade)grade;
                }
            }
            return Grade.Reject;
        }
    }
}

public sealed record MajorityResult(IReadOnlyList<MeritProfile> Ranking)
{
    public MeritProfile? Winner => Ranking.FirstOrDefault(r => r.Total > 0);
}

/// <summary>
/// Majority judgment (Balinski and Laraki): each voter grades every option; options are ranked by
/// their median grade; ties are broken by removing one median grade at a time from the tied
/// options and comparing again, until they differ.
/// </summary>
public static class MajorityJudgment
{
    public static readonly IReadOnlyList<Grade> Grades = Enum.GetValues<Grade>();

    public static string Label(this Grade grade) => grade switch
    {
        Grade.Excellent => "Excellent",
        Grade.VeryGood => "Très bien",
        Grade.Good => "Bien",
        Grade.FairlyGood => "Assez bien",
        Grade.Passable => "Passable",
        Grade.Insufficient => "Insuffisant",
        Grade.Reject => "À rejeter",
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };

    public static MajorityResult Rank(IEnumerable<MeritProfile> profiles)
    {
        var list = profiles.ToList();
        list.Sort(Compare);
        return new MajorityResult(list);
    }

    /// <summary>Negative when a ranks before b.</summary>
    public static int Compare(MeritProfile a, MeritProfile b)
    {
        var left = a.Counts.ToArray();
        var right = b.Counts.ToArray();
        while (true)
        {
            var ma = MedianOf(left);
            var mb = MedianOf(right);
            if (ma is null || mb is null)
            {
                // An option with no grade left ranks last; a perfect tie keeps the options' order.
                if (ma is null && mb is null)
                {
                    return a.OptionId.CompareTo(b.OptionId);
                }
                return ma is null ? 1 : -1;
            }
            if (ma != mb)
            {
                return ma.Value.CompareTo(mb.Value);
            }
            // Same median: take one median grade away from each and look again.
            left[(int)ma.Value]--;
            right[(int)mb.Value]--;
        }
    }

    private static Grade? MedianOf(int[] counts) => new MeritProfile(0, counts).Median;
}
