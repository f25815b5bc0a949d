using Participation.Web.Council;

namespace Participation.Tests.Council;

public sealed class MajorityJudgmentTests
{
    // Counts per grade, best first: Excellent, Très bien, Bien, Assez bien, Passable, Insuffisant, À rejeter.
    private static MeritProfile Profile(int option, params int[] counts) => new(option, counts);

    [Fact]
    public void The_majority_grade_is_the_best_grade_a_majority_gives_or_better()
    {
        Assert.Equal(Grade.VeryGood, Profile(1, 3, 2, 1, 0, 3, 0, 0).Median);
        Assert.Equal(Grade.Good, Profile(1, 3, 2, 1, 0, 4, 0, 0).Median);
        Assert.Equal(Grade.Good, Profile(2, 0, 0, 6, 0, 0, 0, 4).Median);
        Assert.Null(Profile(3, 0, 0, 0, 0, 0, 0, 0).Median);
    }

    [Fact]
    public void With_an_even_number_of_voters_the_lower_median_counts() =>
        // Two voters: Excellent and À rejeter. The lower of the two middle grades is À rejeter.
        Assert.Equal(Grade.Reject, Profile(1, 1, 0, 0, 0, 0, 0, 1).Median);

    [Fact]
    public void The_better_median_wins()
    {
        var result = MajorityJudgment.Rank([Profile(2, 0, 0, 4, 0, 0, 0, 6), Profile(1, 3, 2, 1, 0, 4, 0, 0)]);
        Assert.Equal(1, result.Winner!.OptionId);
        Assert.Equal([1, 2], result.Ranking.Select(r => r.OptionId));
    }

    [Fact]
    public void A_tie_on_the_median_is_broken_by_taking_median_grades_away_until_they_differ()
    {
        // Both have "Bien" as median. A is split between enthusiasm and rejection; B is steady.
        // Taking one "Bien" at a time from each, A's median falls to "À rejeter" first.
        var a = Profile(1, 2, 0, 5, 0, 0, 0, 3);
        var b = Profile(2, 1, 1, 6, 0, 2, 0, 0);
        Assert.Equal(Grade.Good, a.Median);
        Assert.Equal(Grade.Good, b.Median);
        Assert.Equal(2, MajorityJudgment.Rank([a, b]).Winner!.OptionId);
    }

    [Fact]
    public void A_tie_broken_upwards_favours_the_option_with_more_better_grades()
    {
        // Same median "Bien"; removing it reveals "Très bien" for A and "Assez bien" for B.
        var a = Profile(1, 0, 2, 1, 0, 0, 0, 0);
        var b = Profile(2, 0, 0, 1, 2, 0, 0, 0);
        Assert.Equal(Grade.VeryGood, a.Median);
        var c = Profile(3, 0, 1, 1, 1, 0, 0, 0);
        var d = Profile(4, 0, 0, 2, 1, 0, 0, 0);
        Assert.Equal(Grade.Good, c.Median);
        Assert.Equal(Grade.Good, d.Median);
        Assert.Equal([3, 4], MajorityJudgment.Rank([d, c]).Ranking.Select(r => r.OptionId));
        Assert.Equal([1, 2], MajorityJudgment.Rank([b, a]).Ranking.Select(r => r.OptionId));
    }

    [Fact]
    public void A_perfect_tie_keeps_the_order_of_the_options()
    {
        var result = MajorityJudgment.Rank([Profile(5, 1, 1, 1, 0, 0, 0, 0), Profile(4, 1, 1, 1, 0, 0, 0, 0)]);
        Assert.Equal([4, 5], result.Ranking.Select(r => r.OptionId));
    }

    [Fact]
    public void An_option_nobody_graded_comes_last()
    {
        var result = MajorityJudgment.Rank([Profile(1, 0, 0, 0, 0, 0, 0, 0), Profile(2, 0, 0, 0, 0, 0, 0, 1)]);
        Assert.Equal([2, 1], result.Ranking.Select(r => r.OptionId));
    }

    [Fact]
    public void Grades_read_in_French() =>
        Assert.Equal(["Excellent", "Très bien", "Bien", "Assez bien", "Passable", "Insuffisant", "À rejeter"], MajorityJudgment.Grades.Select(g => g.Label()));
}

public sealed class TallyTests
{
    [Fact]
    public void A_changed_ballot_replaces_the_previous_one()
    {
        var tally = new Tally(PollKind.SingleChoice, [1, 2, 3]);
        var first = new BallotChoice([1]);
        tally.Apply(null, first);
        tally.Apply(null, new BallotChoice([1]));
        tally.Apply(first, new BallotChoice([3]));
        Assert.Equal(2, tally.Ballots);
        Assert.Equal(1, tally.Counts[1]);
        Assert.Equal(1, tally.Counts[3]);
    }

    [Fact]
    public void A_ranking_is_counted_with_borda_points()
    {
        var tally = new Tally(PollKind.Ranking, [1, 2, 3]);
        tally.Apply(null, new BallotChoice([2, 1, 3]));
        tally.Apply(null, new BallotChoice([2, 3, 1]));
        Assert.Equal(4, tally.Counts[2]);
        Assert.Equal(1, tally.Counts[1]);
        Assert.Equal(1, tally.Counts[3]);
    }

    [Fact]
    public void Majority_judgment_ballots_fill_the_merit_profiles()
    {
        var tally = new Tally(PollKind.MajorityJudgment, [1, 2]);
        tally.Apply(null, new BallotChoice([], new Dictionary<int, Grade> { [1] = Grade.Excellent, [2] = Grade.Reject }));
        tally.Apply(null, new BallotChoice([], new Dictionary<int, Grade> { [1] = Grade.Good, [2] = Grade.Good }));
        var profiles = tally.Profiles;
        Assert.Equal([1, 0, 1, 0, 0, 0, 0], profiles[0].Counts);
        Assert.Equal([0, 0, 1, 0, 0, 0, 1], profiles[1].Counts);
    }

    [Theory]
    [InlineData(PollKind.SingleChoice, "1", true)]
    [InlineData(PollKind.SingleChoice, "1,2", false)]
    [InlineData(PollKind.SingleChoice, "9", false)]
    [InlineData(PollKind.MultipleChoice, "1,3", true)]
    [InlineData(PollKind.MultipleChoice, "1,1", false)]
    [InlineData(PollKind.EmojiScale, "2", true)]
    [InlineData(PollKind.Ranking, "3>1>2", true)]
    [InlineData(PollKind.Ranking, "3>1", false)]
    [InlineData(PollKind.MajorityJudgment, "1:0,2:6,3:3", true)]
    [InlineData(PollKind.MajorityJudgment, "1:0,2:6", false)]
    [InlineData(PollKind.MajorityJudgment, "1:0,2:6,3:9", false)]
    public void Ballots_must_fit_their_poll(PollKind kind, string stored, bool valid) =>
        Assert.Equal(valid, BallotChoice.Parse(kind, stored).Validate(kind, [1, 2, 3]) is null);

    [Theory]
    [InlineData(PollKind.SingleChoice, "2")]
    [InlineData(PollKind.MultipleChoice, "1,3")]
    [InlineData(PollKind.Ranking, "3>1>2")]
    [InlineData(PollKind.MajorityJudgment, "1:0,2:6,3:3")]
    public void Ballots_are_stored_and_read_back(PollKind kind, string stored) =>
        Assert.Equal(stored, BallotChoice.Parse(kind, stored).Serialise(kind));
}
