using Participation.Web.Accounts;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Tests.Proposals;

public sealed class LifecycleTests
{
    private static readonly string[] Admin = [Roles.Admin];
    private static readonly string[] Moderator = [Roles.Moderator];
    private static readonly string[] Facilitator = [Roles.Facilitator];

    [Theory]
    [InlineData(ProposalStatus.Deposited, ProposalStatus.Published)]
    [InlineData(ProposalStatus.Published, ProposalStatus.RetainedByCouncil)]
    [InlineData(ProposalStatus.RetainedByCouncil, ProposalStatus.SentToDepartment)]
    [InlineData(ProposalStatus.SentToDepartment, ProposalStatus.Integrated)]
    [InlineData(ProposalStatus.Integrated, ProposalStatus.Done)]
    public void The_department_can_take_each_step_of_the_road(ProposalStatus from, ProposalStatus to) =>
        Assert.Null(Lifecycle.Check(from, to, Admin, reason: to == ProposalStatus.Done ? "Le goûter est servi à 17 heures partout." : null, hasPlanLink: true));

    [Fact]
    public void Carried_out_needs_a_public_text_of_what_was_done()
    {
        Assert.Contains("écrivez ce qui a été fait", Lifecycle.Check(ProposalStatus.Integrated, ProposalStatus.Done, Admin, " ", true));
        Assert.Null(Lifecycle.Check(ProposalStatus.Integrated, ProposalStatus.Done, Admin, "Des casiers fermés à clé dans chaque chambre.", true));
    }

    [Fact]
    public void Skipping_steps_is_refused_and_the_missing_steps_are_named()
    {
        var message = Lifecycle.Check(ProposalStatus.Published, ProposalStatus.Integrated, Admin, null, hasPlanLink: true);
        Assert.Equal("On ne peut pas passer de «\u00a0publiée\u00a0» à «\u00a0intégrée\u00a0» sans les étapes «\u00a0retenue par le Conseil\u00a0», «\u00a0transmise au Département\u00a0».", message);
    }

    [Fact]
    public void Going_back_is_refused() =>
        Assert.NotNull(Lifecycle.Check(ProposalStatus.SentToDepartment, ProposalStatus.Published, Admin, null, true));

    [Theory]
    [InlineData(ProposalStatus.Done)]
    [InlineData(ProposalStatus.NotRetained)]
    [InlineData(ProposalStatus.Merged)]
    [InlineData(ProposalStatus.Declined)]
    public void A_finished_road_stays_finished(ProposalStatus final)
    {
        Assert.Empty(Lifecycle.NextSteps(final, Admin));
        Assert.Contains("parcours est terminé", Lifecycle.Check(final, ProposalStatus.Published, Admin, "x", true));
    }

    [Theory]
    [InlineData(ProposalStatus.NotRetained)]
    [InlineData(ProposalStatus.Merged)]
    public void Refusing_or_merging_needs_a_public_reason(ProposalStatus to)
    {
        Assert.Contains("raison", Lifecycle.Check(ProposalStatus.Published, to, Admin, "  ", true));
        Assert.Null(Lifecycle.Check(ProposalStatus.Published, to, Admin, "Déjà prévu par le règlement.", true));
    }

    [Fact]
    public void What_moderation_declines_is_never_public_and_its_reason_goes_to_the_author_alone()
    {
        Assert.False(ProposalStatus.Declined.IsPublic());
        Assert.True(ProposalStatus.NotRetained.IsPublic());
        Assert.Contains("seule la personne qui l'a proposée", Lifecycle.Check(ProposalStatus.Deposited, ProposalStatus.Declined, Moderator, " ", false));
        Assert.NotNull(Lifecycle.Check(ProposalStatus.Deposited, ProposalStatus.NotRetained, Moderator, "Hors sujet.", false));
        Assert.NotNull(Lifecycle.Check(ProposalStatus.Published, ProposalStatus.Declined, Admin, "Trop tard.", false));
    }

    [Fact]
    public void One_skipped_step_is_named_in_the_singular() =>
        Assert.Equal("On ne peut pas passer de «\u00a0publiée\u00a0» à «\u00a0transmise au Département\u00a0» sans l'étape «\u00a0retenue par le Conseil\u00a0».",
            Lifecycle.Check(ProposalStatus.Published, ProposalStatus.SentToDepartment, Admin, null, true));

    [Fact]
    public void An_overlong_reason_is_refused() =>
        Assert.Contains("au plus", Lifecycle.Check(ProposalStatus.Published, ProposalStatus.NotRetained, Admin, new string('a', Lifecycle.ReasonMaxLength + 1), true));

    [Fact]
    public void Integrating_needs_a_link_to_the_plan() =>
        Assert.Contains("reliez", Lifecycle.Check(ProposalStatus.SentToDepartment, ProposalStatus.Integrated, Admin, null, hasPlanLink: false));

    [Fact]
    public void Moderators_publish_but_do_not_speak_for_the_council_or_the_department()
    {
        Assert.Null(Lifecycle.Check(ProposalStatus.Deposited, ProposalStatus.Published, Moderator, null, false));
        Assert.Contains("réservé", Lifecycle.Check(ProposalStatus.Published, ProposalStatus.RetainedByCouncil, Moderator, null, false));
        Assert.Equal([ProposalStatus.Published, ProposalStatus.Declined], Lifecycle.NextSteps(ProposalStatus.Deposited, Moderator));
    }

    [Fact]
    public void Facilitators_carry_the_council_s_choices_but_not_the_department_s()
    {
        Assert.Null(Lifecycle.Check(ProposalStatus.Published, ProposalStatus.RetainedByCouncil, Facilitator, null, false));
        Assert.Null(Lifecycle.Check(ProposalStatus.RetainedByCouncil, ProposalStatus.SentToDepartment, Facilitator, null, false));
        Assert.Contains("réservé", Lifecycle.Check(ProposalStatus.SentToDepartment, ProposalStatus.Integrated, Facilitator, null, true));
    }

    [Fact]
    public void Members_move_nothing()
    {
        foreach (var from in Enum.GetValues<ProposalStatus>())
        {
            Assert.Empty(Lifecycle.NextSteps(from, [Roles.Young, Roles.Parent, Roles.Professional, Roles.Establishment]));
        }
    }

    [Fact]
    public void Status_slugs_read_back() =>
        Assert.All(Enum.GetValues<ProposalStatus>(), s => Assert.Equal(s, Lifecycle.FromSlug(s.Slug())));
}

public sealed class ProposalSearchTests
{
    [Theory]
    [InlineData("sécurité", "\"sécurité\"*")]
    [InlineData("  cuisine   ensemble ", "\"cuisine\"* \"ensemble\"*")]
    [InlineData("wifi OR NEAR(x) \"*", "\"wifi\"* \"OR\" \"NEAR\"* \"x\"")]
    [InlineData("l'école", "\"l\" \"école\"*")]
    public void Typed_words_become_a_safe_prefix_query(string typed, string expected) =>
        Assert.Equal(expected, ProposalSearch.ToFtsQuery(typed));

    [Theory]
    [InlineData("sécurité", "sécurité:*")]
    [InlineData("l'école en 3e", "l & école:* & en & 3e")]
    [InlineData("a b c d e f g h i j", "a & b & c & d & e & f & g & h")]
    public void Short_words_are_looked_up_whole_and_eight_words_at_most(string typed, string expected) =>
        Assert.Equal(expected, ProposalSearch.ToTsQuery(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("!!! ***")]
    public void Nothing_to_search_is_no_query(string? typed) => Assert.Null(ProposalSearch.ToFtsQuery(typed));

    [Theory]
    [InlineData(ProposalStatus.Published, 1, "1 publiée")]
    [InlineData(ProposalStatus.Published, 3, "3 publiées")]
    [InlineData(ProposalStatus.NotRetained, 2, "2 non retenues")]
    [InlineData(ProposalStatus.RetainedByCouncil, 4, "4 retenues par le Conseil")]
    public void A_count_of_proposals_agrees_with_its_step(ProposalStatus status, int count, string expected) =>
        Assert.Equal(expected, status.Counted(count));
}
