namespace Participation.Tests.Safeguarding;

/// <summary>A word hidden with invisible characters or look-alike letters is read as it looks, and still points at what was written.</summary>
public sealed class DisguiseTests
{
    [Theory]
    [InlineData("je veux mou\u200Brir", "suicide")]
    [InlineData("je vais me sui\u200Ccider", "suicide")]
    [InlineData("il me vi\u2060ole", "violence")]
    [InlineData("je veux m\u043Eurir", "suicide")]
    [InlineData("je v\u0435ux mourir", "suicide")]
    [InlineData("mon beau-père me fr\u0430ppe", "violence")]
    [InlineData("je veux ｍｏｕｒｉｒ", "suicide")]
    [InlineData("je veux 𝗺𝗼𝘂𝗿𝗶𝗿", "suicide")]
    [InlineData("je veux ᴍᴏᴜʀɪʀ", "suicide")]
    [InlineData("mon numéro 06１２３４５６７８", "personal-details")]
    [InlineData("il me fr\u00ADappe", "violence")]
    [InlineData("je pense au s\u3164ui\u3164cide", "suicide")]
    [InlineData("je veux me suıcıder", "suicide")]
    public void Invisible_characters_and_look_alike_letters_hide_nothing(string text, string summary) =>
        Assert.Equal(summary, Lists.Summary(text));

    [Fact]
    public void A_finding_in_a_disguised_text_points_at_the_characters_the_person_typed()
    {
        const string text = "Bonjour. Je veux 𝗺𝗼𝘂\u200B𝗿𝗶𝗿 ce soir";
        var finding = Assert.Single(Lists.Detector.Scan(text).Risks);
        Assert.Equal(text.Substring(finding.Where.Start, finding.Where.Length), finding.Excerpt);
        Assert.Contains("veux", finding.Excerpt);
        Assert.EndsWith("𝗶𝗿", finding.Excerpt);
    }

    [Theory]
    [InlineData("Привет, как дела")]
    [InlineData("Καλημέρα σε όλους")]
    [InlineData("On pourrait avoir des 🧑‍🍳 ateliers cuisine")]
    public void Other_scripts_and_emoji_stay_ordinary(string text) =>
        Assert.Equal("-", Lists.Summary(text));

    [Theory]
    [InlineData("jeveuxmourir", "suicide")]
    [InlineData("jveuxcrever ce soir", "suicide")]
    [InlineData("ilmefrappe tous les soirs", "violence")]
    [InlineData("je veux m*urir", "suicide")]
    [InlineData("je pense au s*icide", "suicide")]
    [InlineData("j'ai envie de me sui**der", "suicide")]
    [InlineData("il me fr*ppe", "violence")]
    public void Words_typed_without_spaces_or_with_hidden_letters_are_read_as_the_words_they_spell(string text, string summary) =>
        Assert.Equal(summary, Lists.Summary(text));

    [Theory]
    [InlineData("malheureusement on ne sort pas assez")]
    [InlineData("quelquefois on mange dehors")]
    [InlineData("*important* : la réunion est demain")]
    [InlineData("un gâteau au ch*colat pour le goûter")]
    [InlineData("anticonstitutionnellement")]
    public void Long_words_and_stars_in_ordinary_sentences_stay_ordinary(string text) =>
        Assert.Equal("-", Lists.Summary(text));
}
