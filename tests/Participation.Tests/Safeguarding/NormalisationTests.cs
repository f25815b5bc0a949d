using Participation.Web.Safeguarding;

namespace Participation.Tests.Safeguarding;

/// <summary>How a text is read before the lists are applied: worked examples.</summary>
public sealed class NormalisationTests
{
    [Theory]
    [InlineData("Mourir", "mourir")]
    [InlineData("MOURIIIIR", "mourir")]
    [InlineData("Éducateur", "educateur")]
    [InlineData("mère", "mere")]
    [InlineData("cœur", "coeur")]
    [InlineData("mour1r", "mourir")]
    [InlineData("m0rt", "mort")]
    [InlineData("5uic1de", "suicid")]
    [InlineData("2h", "2h")]
    [InlineData("mm", "mm")]
    public void A_word_is_folded_to_one_canonical_form(string word, string canonical) =>
        Assert.Equal(canonical, FrenchText.Canonical(word));

    [Theory]
    [InlineData("frappé", "frappe")]
    [InlineData("frappée", "frappe")]
    [InlineData("frapées", "frappe")]
    [InlineData("claques", "claque")]
    [InlineData("battue", "battu")]
    [InlineData("seule", "seul")]
    [InlineData("éducatrice", "EDUCATRICE")]
    [InlineData("cheveux", "cheveu")]
    public void Spellings_that_sound_the_same_read_the_same(string one, string other) =>
        Assert.Equal(FrenchText.Canonical(one), FrenchText.Canonical(other));

    [Theory]
    [InlineData("mère", "mer")]
    [InlineData("mes", "me")]
    [InlineData("fille", "fil")]
    public void Short_words_keep_their_endings(string one, string other) =>
        Assert.NotEqual(FrenchText.Canonical(one), FrenchText.Canonical(other));

    [Theory]
    [InlineData("m o u r i r", "mourir")]
    [InlineData("m.o.u.r.i.r", "mourir")]
    [InlineData("m-o-u-r-i-r", "mourir")]
    [InlineData("m_o_u_r_i_r", "mourir")]
    [InlineData("je veux m 0 u r 1 r", "je veux mourir")]
    [InlineData("il m'a frappé", "il me a frap")]
    [InlineData("mon beau-père", "mon beau pere")]
    [InlineData("jveux mourir", "je veux mourir")]
    [InlineData("chui mal", "je suis mal")]
    [InlineData("g envie", "je ai envi")]
    [InlineData("mm pas", "meme pas")]
    [InlineData("ptdr", "pete de rire")]
    [InlineData("jmérite", "je merit")]
    [InlineData("tkt", "t inquiet")]
    [InlineData("ke koi", "que quoi")]
    public void A_text_is_read_as_the_lists_are_written(string text, string readAs) =>
        Assert.Equal(readAs, Lists.Detector.ReadAs(text));

    [Fact]
    public void One_letter_words_in_a_row_stay_words()
    {
        // « il y a à » has three one-letter words and is not « yaa ».
        Assert.Equal("il y a a manger", Lists.Detector.ReadAs("il y a à manger"));
    }

    [Fact]
    public void Phone_numbers_e_mail_addresses_and_handles_are_read_whole()
    {
        Assert.Equal("apel moi au {phone}", Lists.Detector.ReadAs("appelle moi au 06 12 34 56 78"));
        Assert.Equal("{email}", Lists.Detector.ReadAs("lea.martin@gmail.com"));
        Assert.Equal("mon instagram {handle}", Lists.Detector.ReadAs("mon insta @lea_2010"));
    }

    [Fact]
    public void A_long_word_one_letter_away_from_a_list_word_stands_for_it()
    {
        var read = Lists.Detector.ReadAs("harsselée");
        Assert.Contains("~", read);
        Assert.Equal("bullying", Lists.Summary("je suis harsselée au collège"));
    }

    [Fact]
    public void Sentences_end_at_full_stops_so_a_gap_does_not_cross_them()
    {
        Assert.Equal("je veux · mourir", Lists.Detector.ReadAs("je veux. mourir"));
        Assert.Equal("-", Lists.Summary("Je veux. Mourir de rire."));
    }
}
