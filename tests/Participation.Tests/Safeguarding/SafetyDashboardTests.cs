using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Demo;
using Participation.Web.Safeguarding;

namespace Participation.Tests.Safeguarding;

/// <summary>The response-time figures as plain code: percentiles by nearest rank, and cases grouped into their week.</summary>
public sealed class SafetyDashboardTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.CreateCustomTimeZone("Paris, heure d'hiver", TimeSpan.FromHours(1), "Paris", "Paris");
    private static readonly TimeZoneInfo Antilles = TimeZoneInfo.CreateCustomTimeZone("Antilles", TimeSpan.FromHours(-4), "Antilles", "Antilles");

    private static TimeSpan Min(int minutes) => TimeSpan.FromMinutes(minutes);

    private static CaseTimes Case(DateTimeOffset flagged, int? seenAfter = null, int? actedAfter = null, bool open = false) =>
        new(flagged, seenAfter is { } s ? flagged.AddMinutes(s) : null, actedAfter is { } a ? flagged.AddMinutes(a) : null, open);

    [Theory]
    [InlineData(5, 15)]
    [InlineData(30, 20)]
    [InlineData(40, 20)]
    [InlineData(50, 35)]
    [InlineData(90, 50)]
    [InlineData(100, 50)]
    public void A_percentile_is_the_wait_at_the_nearest_rank_never_a_value_between_two(int percent, int expected) =>
        Assert.Equal(Min(expected), ResponseTimes.Percentile([Min(50), Min(15), Min(35), Min(20), Min(40)], percent));

    [Fact]
    public void With_ten_waits_nine_in_ten_is_the_ninth_and_the_median_the_fifth()
    {
        var spread = ResponseTimes.SpreadOf(Enumerable.Range(1, 10).Select(Min).Reverse())!;
        Assert.Equal(new Spread(Min(5), Min(9), Min(10)), spread);
    }

    [Fact]
    public void One_wait_is_its_own_median_ninetieth_and_longest() =>
        Assert.Equal(new Spread(Min(7), Min(7), Min(7)), ResponseTimes.SpreadOf([Min(7)]));

    [Fact]
    public void No_wait_gives_no_percentile_rather_than_nought()
    {
        Assert.Null(ResponseTimes.Percentile([], 50));
        Assert.Null(ResponseTimes.SpreadOf([]));
    }

    [Fact]
    public void Weeks_come_newest_first_and_a_week_without_cases_has_no_line()
    {
        var weeks = ResponseTimes.ByWeek(
        [
            Case(new(2026, 11, 4, 10, 0, 0, TimeSpan.Zero), seenAfter: 5, actedAfter: 30),
            Case(new(2026, 11, 18, 10, 0, 0, TimeSpan.Zero), seenAfter: 2, actedAfter: 10),
            Case(new(2026, 11, 19, 10, 0, 0, TimeSpan.Zero), seenAfter: 12, open: true),
        ], Paris);
        Assert.Equal(["2026-W47", "2026-W45"], weeks.Select(w => w.Week.Code));
        var latest = weeks[0];
        Assert.Equal(2, latest.Cases);
        Assert.Equal(new Spread(Min(2), Min(12), Min(12)), latest.FirstLook);
        Assert.Equal(new Spread(Min(10), Min(10), Min(10)), latest.FirstAction);
        Assert.Equal(1, latest.StillOpen);
        Assert.Equal(new DateOnly(2026, 11, 16), latest.Week.Monday);
    }

    [Fact]
    public void A_case_never_opened_is_counted_as_waiting_and_left_out_of_the_waits()
    {
        var monday = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(1));
        var week = Assert.Single(ResponseTimes.ByWeek([Case(monday, seenAfter: 4, actedAfter: 20), Case(monday.AddHours(3), open: true)], Paris));
        Assert.Equal(2, week.Cases);
        Assert.Equal(1, week.NotSeen);
        Assert.Equal(new Spread(Min(4), Min(4), Min(4)), week.FirstLook);
        Assert.Equal(1, week.StillOpen);
    }

    [Fact]
    public void A_week_where_no_case_was_opened_yet_has_no_waits_but_its_counts()
    {
        var week = Assert.Single(ResponseTimes.ByWeek([Case(new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), open: true)], Paris));
        Assert.Null(week.FirstLook);
        Assert.Null(week.FirstAction);
        Assert.Equal((1, 1, 1), (week.Cases, week.NotSeen, week.StillOpen));
    }

    [Fact]
    public void A_case_held_on_sunday_at_half_past_eleven_local_time_belongs_to_the_week_ending_that_sunday()
    {
        // 23:30 on Sunday 8 November in the Antilles is already Monday 9 November in UTC.
        var sunday = new DateTimeOffset(2026, 11, 8, 23, 30, 0, TimeSpan.FromHours(-4));
        Assert.Equal(DayOfWeek.Monday, sunday.UtcDateTime.DayOfWeek);
        var week = Assert.Single(ResponseTimes.ByWeek([Case(sunday.ToUniversalTime(), seenAfter: 10)], Antilles));
        Assert.Equal("2026-W45", week.Week.Code);
        Assert.Equal(new DateOnly(2026, 11, 2), week.Week.Monday);
        Assert.Equal("2026-W46", IsoWeek.Of(sunday, TimeZoneInfo.Utc).Code);
    }

    [Fact]
    public void A_case_held_just_after_midnight_on_monday_local_time_starts_the_new_week()
    {
        // 00:30 on Monday 9 November in Paris is still Sunday in UTC.
        var monday = new DateTimeOffset(2026, 11, 9, 0, 30, 0, TimeSpan.FromHours(1));
        Assert.Equal(DayOfWeek.Sunday, monday.UtcDateTime.DayOfWeek);
        Assert.Equal("2026-W46", IsoWeek.Of(monday.ToUniversalTime(), Paris).Code);
    }

    [Fact]
    public void The_last_days_of_december_can_open_the_next_year_s_first_week()
    {
        var week = IsoWeek.Of(new DateTimeOffset(2025, 12, 29, 12, 0, 0, TimeSpan.Zero), Paris);
        Assert.Equal("2026-W01", week.Code);
        Assert.Equal(new DateOnly(2025, 12, 29), week.Monday);
    }

    [Fact]
    public void Only_the_newest_weeks_with_cases_are_kept()
    {
        var start = new DateTimeOffset(2026, 1, 7, 12, 0, 0, TimeSpan.Zero);
        var weeks = ResponseTimes.ByWeek(Enumerable.Range(0, 30).Select(i => Case(start.AddDays(7 * i), seenAfter: 1)), Paris);
        Assert.Equal(ResponseTimes.WeeksShown, weeks.Count);
        Assert.Equal("2026-W31", weeks[0].Week.Code);
        Assert.Equal("2026-W06", weeks[^1].Week.Code);
    }

    [Fact]
    public void A_first_look_stamped_a_moment_before_the_case_is_no_wait_rather_than_a_negative_one()
    {
        var flagged = new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero);
        var week = Assert.Single(ResponseTimes.ByWeek([new CaseTimes(flagged, flagged.AddSeconds(-2), null, true)], Paris));
        Assert.Equal(TimeSpan.Zero, week.FirstLook!.Longest);
    }
}

/// <summary>The dashboard and its file through the real host: who reaches them, and the figures they give for known cases.</summary>
public sealed class SafetyDashboardPageTests(SafetyDashboardPageTests.SeededSite site) : IClassFixture<SafetyDashboardPageTests.SeededSite>
{
    private const string Url = "/pilotage/vigilance/tableau";
    private const string Secret = "Texte du cas à ne jamais exporter";
    private const string Origin = "Origine du cas à ne jamais exporter";
    private const string Pseudonym = "Mistral";

    /// <summary>
    /// The demo site with five cases of its own in two weeks of early 2025, far from the demo's. Each is
    /// held on a Wednesday at noon UTC, so that it stays in its week whatever the test machine's zone.
    /// </summary>
    public sealed class SeededSite : IAsyncLifetime
    {
        public ParticipationApp App { get; } = new();

        public async Task InitializeAsync()
        {
            App.CreateClient();
            var march = new DateTimeOffset(2025, 3, 5, 12, 0, 0, TimeSpan.Zero);
            var february = new DateTimeOffset(2025, 2, 19, 12, 0, 0, TimeSpan.Zero);
            SafetyCase[] cases =
            [
                Held(march, seenAfter: 3, actedAfter: 25),
                Held(march.AddMinutes(10), seenAfter: 65, actedAfter: 2 * 24 * 60 + 4 * 60),
                Held(march.AddHours(1), seenAfter: 10),
                Held(march.AddHours(2)),
                Held(february, seenAfter: 2, actedAfter: 90),
            ];
            await App.WithDbAsync(async db =>
            {
                db.SafetyCases.AddRange(cases);
                return await db.SaveChangesAsync();
            });
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }

        private static SafetyCase Held(DateTimeOffset flagged, int? seenAfter = null, int? actedAfter = null)
        {
            var acted = actedAfter is { } a ? flagged.AddMinutes(a) : (DateTimeOffset?)null;
            return new SafetyCase
            {
                Channel = SafetyChannel.Proposal, SourceId = $"essai-{flagged.ToUnixTimeSeconds()}", Origin = Origin, Text = Secret,
                AuthorPseudonym = Pseudonym, Categories = "Suicide", Rules = "suicide.txt:1",
                FlaggedAt = flagged, FirstSeenAt = seenAfter is { } s ? flagged.AddMinutes(s) : null, FirstActionAt = acted,
                Status = acted is null ? CaseStatus.Open : CaseStatus.Closed, ClosedAt = acted,
            };
        }
    }

    public static TheoryData<string> Watchers => new() { $"moderation@{DemoSeeder.Domain}", $"pilotage@{DemoSeeder.Domain}" };

    public static TheoryData<string, string> Refused()
    {
        var data = new TheoryData<string, string>();
        foreach (var login in new[] { "Faucon", $"parent@{DemoSeeder.Domain}", $"animation@{DemoSeeder.Domain}", $"pro@{DemoSeeder.Domain}", $"etablissement@{DemoSeeder.Domain}" })
        {
            data.Add(login, Url);
            data.Add(login, Url + "?handler=csv");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Watchers))]
    public async Task Moderators_and_administrators_see_each_week_s_waits_newest_first(string login)
    {
        var client = await site.App.SignedInClientAsync(login);
        var page = await client.GetDocumentAsync(Url);
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-week")).ToList();
        Assert.True(rows.IndexOf("2025-W10") >= 0 && rows.IndexOf("2025-W10") < rows.IndexOf("2025-W08"), string.Join(", ", rows));

        var march = page.QuerySelector("tr[data-week='2025-W10']")!;
        Assert.Equal("2025-W10", march.QuerySelector("th[scope=row] time")!.GetAttribute("datetime"));
        Assert.Contains("3 mars 2025", march.QuerySelector("th")!.TextContent);
        var cells = march.QuerySelectorAll("td").Select(c => c.TextContent.Trim().Replace('\u00A0', ' ')).ToList();
        Assert.Equal(["4", "10 min", "1 h 05", "1 h 05", "1", "25 min", "2 j 4 h", "2 j 4 h", "2"], cells);
        var durations = march.QuerySelectorAll("td time").Select(t => t.GetAttribute("datetime")).ToList();
        Assert.Equal(["PT10M", "PT1H5M", "PT1H5M", "PT25M", "P2DT4H", "P2DT4H"], durations);

        var february = page.QuerySelector("tr[data-week='2025-W08']")!.QuerySelectorAll("td").Select(c => c.TextContent.Trim().Replace('\u00A0', ' '));
        Assert.Equal(["1", "2 min", "2 min", "2 min", "0", "1 h 30", "1 h 30", "1 h 30", "0"], february);

        Assert.NotNull(page.QuerySelector("table caption"));
        Assert.DoesNotContain(Secret, page.Text());
        Assert.DoesNotContain(Origin, page.Text());
    }

    [Theory]
    [MemberData(nameof(Watchers))]
    public async Task Moderators_and_administrators_download_the_same_figures_in_minutes_without_any_case_text(string login)
    {
        var client = await site.App.SignedInClientAsync(login);
        var response = await client.GetAsync(Url + "?handler=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        var name = Regex.Match(disposition.FileName ?? "", @"^vigilance-delais-(\d{4}-\d{2}-\d{2})\.csv$");
        Assert.True(name.Success, disposition.FileName);
        Assert.InRange(DateOnly.Parse(name.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).DayNumber - DateOnly.FromDateTime(DateTime.Now).DayNumber, -1, 1);

        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("semaine;lundi;cas;ouverture_p50_min;ouverture_p90_min;ouverture_max_min;pas_encore_ouverts;action_p50_min;action_p90_min;action_max_min;pas_encore_clos", lines[0]);
        Assert.Contains("2025-W10;2025-03-03;4;10;65;65;1;25;3120;3120;2", lines);
        Assert.Contains("2025-W08;2025-02-17;1;2;2;2;0;90;90;90;0", lines);
        Assert.True(Array.IndexOf(lines, "2025-W10;2025-03-03;4;10;65;65;1;25;3120;3120;2") < Array.IndexOf(lines, "2025-W08;2025-02-17;1;2;2;2;0;90;90;90;0"));
        // Figures only: every field after the header is a week, a date, a count or a number of minutes.
        Assert.All(lines.Skip(1).SelectMany(l => l.Split(';')), field => Assert.Matches(@"^(\d{4}-W\d{2}|\d{4}-\d{2}-\d{2}|\d*)$", field));
        Assert.DoesNotContain(Secret, csv);
        Assert.DoesNotContain(Origin, csv);
        Assert.DoesNotContain(Pseudonym, csv);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Young_members_parents_facilitators_and_other_accounts_are_refused_the_page_and_the_file(string login, string url)
    {
        var response = await (await site.App.SignedInClientAsync(login)).GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/compte/acces-refuse", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(Url)]
    [InlineData(Url + "?handler=csv")]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_sign_in(string url)
    {
        var response = await site.App.CreateBrowserlessClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/compte/connexion", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task With_no_case_yet_the_page_says_so_plainly_and_shows_no_table()
    {
        using var empty = new ParticipationApp();
        empty.CreateClient();
        await empty.WithDbAsync(db => db.SafetyCases.ExecuteDeleteAsync());
        var page = await (await empty.SignedInClientAsync($"moderation@{DemoSeeder.Domain}")).GetDocumentAsync(Url);
        Assert.Null(page.QuerySelector("#delais-titre"));
        Assert.Contains("Aucun message n'a encore été mis de côté", page.Text());
    }

    [Fact]
    public async Task The_urgent_queue_links_to_the_dashboard()
    {
        var queue = await (await site.App.SignedInClientAsync($"moderation@{DemoSeeder.Domain}")).GetDocumentAsync("/pilotage/vigilance/urgences");
        Assert.NotNull(queue.QuerySelector($"main a[href='{Url}']"));
    }
}
