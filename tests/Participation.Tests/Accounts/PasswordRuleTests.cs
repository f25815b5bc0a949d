using Participation.Web.Accounts;

namespace Participation.Tests.Accounts;

/// <summary>The password rule on its own: which passwords are too common, or too close to a name.</summary>
public sealed class PasswordRuleTests
{
    [Theory]
    [InlineData("motdepasse")]
    [InlineData("12345678")]
    [InlineData("azertyuiop")]
    [InlineData("Password1")]
    [InlineData("MOT DE PASSE")]
    [InlineData("mot-de-passe")]
    [InlineData("Soleil2024!")]
    [InlineData("marseille13")]
    [InlineData("p@ssw0rd")]
    [InlineData("Chocolat")]
    // From the far end of the list of 30,000: the whole list is read, not its first few hundred.
    [InlineData("Weihnachtsbaum")]
    [InlineData("wonderwoman")]
    public void Common_passwords_are_recognised_whatever_their_capitals_signs_and_digits_at_the_end(string password) =>
        Assert.True(PasswordRule.IsCommon(password), password);

    [Theory]
    [InlineData("mon chat aime la pluie")]
    [InlineData("la mouette vole haut")]
    [InlineData("bellerive-demo")]
    [InlineData("tournesol au soleil")]
    [InlineData("Soleil sur la Loire 1998")]
    public void A_phrase_of_ones_own_is_not_common(string password) =>
        Assert.False(PasswordRule.IsCommon(password), password);

    [Theory]
    [InlineData("la girafe mange des crêpes")]
    [InlineData("La Girafe mange des crepes !")]
    [InlineData("lagirafemangedescrepes2")]
    public void The_example_shown_on_the_page_is_recognised(string password) =>
        Assert.True(PasswordRule.IsExample(password));

    [Theory]
    [InlineData("Écureuil-Roux", "ecureuil-roux", true)]
    [InlineData("Écureuil-Roux", "ÉCUREUIL ROUX", true)]
    [InlineData("Baobab", "Baobab2024!", true)]
    [InlineData("Baobab", "2024-baobab!", true)]
    [InlineData("Baobab", "le baobab", true)]
    [InlineData("Baobab", "le grand baobab qui chante", false)]
    [InlineData("Baobab", "la mouette vole haut", false)]
    public void A_password_that_is_the_pseudonym_or_little_more_resembles_it(string pseudonym, string password, bool resembles) =>
        Assert.Equal(resembles, PasswordRule.ResemblesAName(password, [pseudonym]));

    [Fact]
    public void Every_password_field_explains_the_rule_with_its_example()
    {
        Assert.Contains($"Au moins {PasswordRule.MinimumLength} caractères", PasswordRule.Explanation);
        Assert.Contains(PasswordRule.Example, PasswordRule.Explanation);
        Assert.Contains("pseudo", PasswordRule.Explanation);
        Assert.True(PasswordRule.IsCommon("motdepasse") && PasswordRule.IsCommon("12345678"), "the explanation's counter-examples are refused");
    }
}

/// <summary>The rule as Identity runs it, with the account it is for: one refusal at a time, the first thing to fix.</summary>
public sealed class PasswordRuleOnAnAccountTests
{
    private static readonly Member Young = new() { Pseudonym = "Colibri", UserName = "Colibri", RealName = "Jeanne Testeur-Martin" };

    private static async Task<string?> RefusalAsync(string password)
    {
        var result = await new PasswordRule(new FrenchIdentityErrors()).ValidateAsync(null!, Young, password);
        return result.Succeeded ? null : Assert.Single(result.Errors).Code;
    }

    [Theory]
    [InlineData(" une phrase à moi", nameof(FrenchIdentityErrors.PasswordSpaceAtAnEnd))]
    [InlineData("une phrase à moi ", nameof(FrenchIdentityErrors.PasswordSpaceAtAnEnd))]
    [InlineData("Colibri", nameof(FrenchIdentityErrors.PasswordLikeName))]
    [InlineData("jeanne2015", nameof(FrenchIdentityErrors.PasswordLikeName))]
    [InlineData("Testeur!!", nameof(FrenchIdentityErrors.PasswordLikeName))]
    [InlineData("motdepasse", nameof(FrenchIdentityErrors.CommonPassword))]
    [InlineData("une phrase à moi", null)]
    public async Task A_password_is_refused_for_the_first_thing_to_fix_only(string password, string? code) =>
        Assert.Equal(code, await RefusalAsync(password));
}
