using Participation.Web.Accounts;

namespace Participation.Tests.Accounts;

public sealed class ActivationCodesTests
{
    [Fact]
    public void A_code_is_two_groups_of_four_without_ambiguous_characters()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = ActivationCodes.Generate();
            Assert.Matches("^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$", code);
        }
    }

    [Fact]
    public void Codes_differ() =>
        Assert.Equal(500, Enumerable.Range(0, 500).Select(_ => ActivationCodes.Generate()).Distinct().Count());

    [Theory]
    [InlineData("kp7m-q4ra")]
    [InlineData(" KP7M Q4RA ")]
    [InlineData("KP7MQ4RA")]
    public void Typed_codes_are_read_loosely(string typed) => Assert.Equal("KP7MQ4RA", ActivationCodes.Normalise(typed));

    [Theory]
    [InlineData("")]
    [InlineData("KP7M")]
    [InlineData("KP7M-Q4RA-X")]
    [InlineData("KP7M-Q4R<")]
    [InlineData("KP0M-Q4RA")]
    public void Anything_else_is_not_a_code(string typed) => Assert.Null(ActivationCodes.Normalise(typed));

    [Fact]
    public void Only_a_hash_is_kept()
    {
        var hash = ActivationCodes.Hash("KP7MQ4RA");
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain("KP7M", hash, StringComparison.OrdinalIgnoreCase);
    }
}
