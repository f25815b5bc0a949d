using Participation.Web.Shared;

namespace Participation.Tests.Shared;

public sealed class AgeBandsTests
{
    [Theory]
    [InlineData(7, AgeBand.From7To10)]
    [InlineData(10, AgeBand.From7To10)]
    [InlineData(11, AgeBand.From11To14)]
    [InlineData(14, AgeBand.From11To14)]
    [InlineData(15, AgeBand.From15To17)]
    [InlineData(17, AgeBand.From15To17)]
    [InlineData(18, AgeBand.From18To25)]
    [InlineData(25, AgeBand.From18To25)]
    public void Each_age_from_7_to_25_falls_in_its_band(int age, AgeBand band) =>
        Assert.Equal(band, AgeBands.ForAge(age));

    [Theory]
    [InlineData(6)]
    [InlineData(0)]
    [InlineData(26)]
    [InlineData(40)]
    public void Ages_outside_7_to_25_have_no_band(int age) => Assert.Null(AgeBands.ForAge(age));

    [Fact]
    public void The_band_follows_from_the_birth_year() =>
        Assert.Equal(AgeBand.From15To17, AgeBands.ForBirthYear(2010, 2026));

    [Theory]
    [InlineData(2020)]
    [InlineData(2000)]
    public void A_birth_year_outside_the_council_is_refused_in_French(int birthYear)
    {
        var message = AgeBands.Validate(birthYear, 2026);
        Assert.NotNull(message);
        Assert.Contains("de 7 à 25 ans", message);
        Assert.Contains("entre 2001 et 2019", message);
    }

    [Fact]
    public void A_birth_year_inside_the_council_is_accepted() => Assert.Null(AgeBands.Validate(2012, 2026));

    [Fact]
    public void Labels_are_French() => Assert.Equal("11–14 ans", AgeBand.From11To14.Label());
}
