using Participation.Web.Infrastructure;

namespace Participation.Tests.Infrastructure;

public sealed class FrenchDatesTests
{
    [Theory]
    [InlineData(2027, 1, 1, "1er janvier 2027")]
    [InlineData(2027, 1, 2, "2 janvier 2027")]
    [InlineData(2026, 11, 1, "1er novembre 2026")]
    [InlineData(2026, 12, 31, "31 décembre 2026")]
    public void The_first_of_the_month_is_1er_and_other_days_their_number(int year, int month, int day, string expected) =>
        Assert.Equal(expected, FrenchDates.Day(new DateOnly(year, month, day)));

    [Fact]
    public void A_moment_is_shown_on_its_own_day_without_a_change_of_zone() =>
        Assert.Equal("1er mars 2027", FrenchDates.Day(new DateTimeOffset(2027, 3, 1, 23, 30, 0, TimeSpan.FromHours(1))));

    [Fact]
    public void Tables_abbreviate_the_month_and_keep_1er()
    {
        Assert.Equal("1er nov. 2026", FrenchDates.ShortDay(new DateOnly(2026, 11, 1)));
        Assert.Equal("15 janv. 2027", FrenchDates.ShortDay(new DateTimeOffset(2027, 1, 15, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_session_reads_with_its_weekday_and_time_in_hours()
    {
        Assert.Equal("samedi 2 janvier 2027 à 14h05", FrenchDates.DayAndTime(new DateTimeOffset(2027, 1, 2, 14, 5, 0, TimeSpan.FromHours(1))));
        Assert.Equal("dimanche 1er novembre 2026 à 09h30", FrenchDates.DayAndTime(new DateTimeOffset(2026, 11, 1, 9, 30, 0, TimeSpan.FromHours(1))));
    }
}
