using Participation.Web.Infrastructure;

namespace Participation.Tests.Infrastructure;

public sealed class CleanTextTests
{
    [Theory]
    [InlineData("\u202Eexe.txt", "exe.txt")]
    [InlineData("Zoé\u202A\u202B\u202C\u202D\u202E", "Zoé")]
    [InlineData("\u2066Zoé\u2069 et \u2067Léo\u2068", "Zoé et Léo")]
    [InlineData("a\u200Eb\u200Fc\u061Cd", "abcd")]
    public void Bidi_controls_and_marks_are_removed(string typed, string kept) =>
        Assert.Equal(kept, CleanText.Tidy(typed));

    [Theory]
    [InlineData("sui\u200Bcide", "suicide")]
    [InlineData("\uFEFFBonjour", "Bonjour")]
    [InlineData("mot\u2060joint", "motjoint")]
    [InlineData("a\u180Eb", "ab")]
    [InlineData("trait\u00ADd'union", "traitd'union")]
    [InlineData("nul\0et\u0007cloche\u007F", "nuletcloche")]
    public void Zero_width_spaces_joiners_and_control_characters_are_removed(string typed, string kept) =>
        Assert.Equal(kept, CleanText.Tidy(typed));

    [Fact]
    public void A_decomposed_letter_is_composed()
    {
        var typed = "Zoe\u0301 a e\u0301crit";
        var tidy = CleanText.Tidy(typed);
        Assert.Equal("Zo\u00E9 a \u00E9crit", tidy);
        Assert.Equal(typed.Length - 2, tidy.Length);
    }

    [Theory]
    [InlineData("Ma famille 👨\u200D👩\u200D👧 au foyer")]
    [InlineData("J'adore ❤\uFE0F")]
    [InlineData("Le drapeau 🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F d'Écosse")]
    [InlineData("Tabulation\tet retours\r\nà la ligne")]
    public void Emoji_sequences_and_line_breaks_are_kept(string text) =>
        Assert.Equal(text, CleanText.Tidy(text));

    [Fact]
    public void Persian_with_its_non_joiner_is_kept_and_only_the_override_goes()
    {
        // « می‌خواهم » (I want): the non-joiner keeps « می » apart from the verb, as Persian is written.
        var persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
        Assert.Equal(persian, CleanText.Tidy(persian));
        Assert.Equal(persian, CleanText.Tidy("\u202E" + persian + "\u202C"));
        var arabic = "\u0634\u0643\u0631\u0627\u064B \u0644\u0643\u0645";
        Assert.Equal(arabic, CleanText.Tidy(arabic));
    }

    [Fact]
    public void Clean_text_comes_back_as_the_same_string()
    {
        const string text = "Des fruits frais à chaque goûter 🍎";
        Assert.Same(text, CleanText.Tidy(text));
    }

    [Fact]
    public void A_lone_surrogate_becomes_a_replacement_character_instead_of_failing()
    {
        Assert.Equal("a\uFFFDb", CleanText.Tidy("a\uD83Db"));
        Assert.Equal("a\uFFFD", CleanText.Composed("a\uDC00"));
    }

    [Fact]
    public void A_password_is_composed_and_nothing_is_taken_out_of_it()
    {
        Assert.Equal("caf\u00E9\u200B\u202Eplage", CleanText.Composed("cafe\u0301\u200B\u202Eplage"));
    }
}
