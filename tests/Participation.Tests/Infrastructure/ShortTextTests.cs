using Participation.Web.Infrastructure;

namespace Participation.Tests.Infrastructure;

public sealed class ShortTextTests
{
    [Fact]
    public void A_long_text_is_cut_at_its_last_word_that_fits_and_says_so()
    {
        Assert.Equal("Des fruits frais…", ShortText.AtWord("Des fruits frais au goûter", 18));
        Assert.Equal("Des fruits", ShortText.AtWord("Des\nfruits", 18));
    }

    [Fact]
    public void A_text_without_a_space_to_cut_at_is_never_cut_between_the_halves_of_an_emoji()
    {
        var text = "aide" + string.Concat(Enumerable.Repeat("😭", 10));
        var cut = ShortText.AtWord(text, 7);
        Assert.Equal("aide😭…", cut);
        Assert.All(Enumerable.Range(0, cut.Length - 1), i => Assert.False(char.IsHighSurrogate(cut[i]) && !char.IsLowSurrogate(cut[i + 1])));
    }
}
