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

    [Theory]
    [InlineData(0, "moins d'1 min", "PT0M")]
    [InlineData(0.9, "moins d'1 min", "PT0M")]
    [InlineData(3, "3 min", "PT3M")]
    [InlineData(59.9, "59 min", "PT59M")]
    [InlineData(60, "1 h", "PT1H")]
    [InlineData(65, "1 h 05", "PT1H5M")]
    [InlineData(23 * 60 + 59, "23 h 59", "PT23H59M")]
    [InlineData(24 * 60, "1 j", "P1D")]
    [InlineData(2 * 24 * 60 + 4 * 60 + 17, "2 j 4 h", "P2DT4H17M")]
    [InlineData(3 * 24 * 60 + 12, "3 j", "P3DT12M")]
    public void A_wait_reads_at_a_glance_in_whole_units_and_to_the_minute_for_machines(double minutes, string words, string machine)
    {
        var wait = TimeSpan.FromMinutes(minutes);
        Assert.Equal(words, FrenchDates.Duration(wait).Replace('\u00A0', ' '));
        Assert.DoesNotContain(' ', FrenchDates.Duration(wait).Replace("moins d'", ""));
        Assert.Equal(machine, FrenchDates.MachineDuration(wait));
    }

    [Fact]
    public void A_file_gives_a_wait_in_whole_minutes_and_never_below_nought()
    {
        Assert.Equal(3120, FrenchDates.WholeMinutes(TimeSpan.FromMinutes(3120.8)));
        Assert.Equal(0, FrenchDates.WholeMinutes(TimeSpan.FromSeconds(-5)));
    }
}
