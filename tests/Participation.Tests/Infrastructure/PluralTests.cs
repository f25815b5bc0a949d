using Participation.Web.Infrastructure;

namespace Participation.Tests.Infrastructure;

public sealed class PluralTests
{
    [Theory]
    [InlineData(0, "aucun soutien")]
    [InlineData(1, "1 soutien")]
    [InlineData(3, "3 soutiens")]
    public void A_count_reads_as_words_and_zero_is_never_a_bare_0(int count, string expected) =>
        Assert.Equal(expected, Plural.Count(count, "soutien", "aucun soutien"));

    [Theory]
    [InlineData("priorité", 2, "priorités")]
    [InlineData("enjeu", 2, "enjeux")]
    [InlineData("axe", 1, "axe")]
    [InlineData("droits", 3, "droits")]
    public void A_noun_takes_the_french_plural_after_more_than_one(string word, int count, string expected) =>
        Assert.Equal(expected, Plural.Noun(word, count));

    [Fact]
    public void A_noun_of_several_words_gives_both_forms()
    {
        Assert.Equal("1 proposition reliée", Plural.Count(1, "proposition reliée", "propositions reliées", "aucune"));
        Assert.Equal("4 propositions reliées", Plural.Count(4, "proposition reliée", "propositions reliées", "aucune"));
        Assert.Equal("aucune", Plural.Count(0, "proposition reliée", "propositions reliées", "aucune"));
    }
}
