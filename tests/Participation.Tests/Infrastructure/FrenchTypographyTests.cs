using Participation.Web.Infrastructure;

namespace Participation.Tests.Infrastructure;

public sealed class FrenchTypographyTests
{
    [Theory]
    [InlineData("Besoin d'aide ?", "Besoin d'aide\u00a0?")]
    [InlineData("À bientôt !", "À bientôt\u00a0!")]
    [InlineData("Attention : c'est gratuit ; et anonyme.", "Attention\u00a0: c'est gratuit\u00a0; et anonyme.")]
    [InlineData("Vraiment ?!", "Vraiment\u00a0?!")]
    [InlineData("La page « J'ai un code »", "La page «\u00a0J'ai un code\u00a0»")]
    [InlineData("La page «J'ai un code»", "La page «\u00a0J'ai un code\u00a0»")]
    public void An_ordinary_space_before_a_sign_or_inside_guillemets_becomes_a_no_break_space(string typed, string expected) =>
        Assert.Equal(expected, FrenchTypography.Space(typed));

    [Theory]
    [InlineData("Pourquoi? Parce que.", "Pourquoi\u00a0? Parce que.")]
    [InlineData("Note: à lire.", "Note\u00a0: à lire.")]
    [InlineData("Merci!", "Merci\u00a0!")]
    public void A_missing_space_is_added(string typed, string expected) =>
        Assert.Equal(expected, FrenchTypography.Space(typed));

    [Theory]
    [InlineData("Rendez-vous à 14:30.")]
    [InlineData("Voir https://www.allo119.gouv.fr/?page=1 pour plus.")]
    [InlineData("Déjà bien espacé\u00a0: rien ne change.")]
    [InlineData("Sans signe, rien à faire.")]
    public void Times_addresses_and_text_already_spaced_are_left_alone(string text) =>
        Assert.Equal(text, FrenchTypography.Space(text));

    [Fact]
    public void A_text_that_continues_a_word_spaces_a_sign_at_its_start() =>
        Assert.Equal("\u00a0: la suite", FrenchTypography.Space(": la suite", afterWord: true));

    [Fact]
    public void Spacing_twice_changes_nothing_more()
    {
        var once = FrenchTypography.Space("Tu viens ? « Oui » : super !");
        Assert.Equal(once, FrenchTypography.Space(once));
    }
}
