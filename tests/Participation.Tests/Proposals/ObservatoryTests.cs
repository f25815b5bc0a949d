using System.Net;
using System.Text;
using Participation.Tests.Infrastructure;
using Participation.Web.Demo;
using Participation.Web.Infrastructure;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Tests.Proposals;

public sealed class ObservatoryTests : IAsyncLifetime
{
    // A site of its own without demo proposals, so every figure is known.
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Proposals"] = "0" });

    public async Task InitializeAsync()
    {
        _app.CreateClient();
        var first = await _app.ProposeAsync("Colibri", "Manger ensemble le dimanche", themes: Theme.Food | Theme.SocialLife);
        var second = await _app.ProposeAsync("Faucon", "Un wifi qui marche", themes: Theme.Digital);
        await _app.ProposeAsync($"pro@{DemoSeeder.Domain}", "Former les équipes au numérique", themes: Theme.Digital);
        await _app.AdvanceAsync(first, ProposalStatus.Integrated);
        await _app.AdvanceAsync(second, ProposalStatus.Published);
    }

    [Fact]
    public async Task The_report_counts_by_origin_theme_age_status_and_orientation_with_tables_beside_the_charts()
    {
        var client = await _app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var page = await client.GetDocumentAsync("/pilotage/observatoire");
        Assert.Contains(": 3.", page.QuerySelector(".lead")!.TextContent.Replace("\u00a0", " ").Replace(" .", "."));

        string Cell(string chart, string label) =>
            page.QuerySelectorAll($"figure[aria-labelledby='{chart}-titre'] tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent == label).QuerySelector("td")!.TextContent;
        Assert.Equal("3", Cell("origine", "en ligne"));
        Assert.Equal("2", Cell("theme", "numérique"));
        Assert.Equal("1", Cell("theme", "alimentation"));
        Assert.Equal("1", Cell("age", "7–10 ans"));
        Assert.Equal("1", Cell("age", "adultes ou âge non précisé"));
        Assert.Equal("1", Cell("statut", "intégrée"));
        Assert.Equal("1", Cell("statut", "déposée"));
        Assert.Equal("2", Cell("orientation", "pas encore reliées au schéma"));

        var svgBars = page.QuerySelectorAll("figure[aria-labelledby='theme-titre'] svg rect");
        Assert.Equal(12, svgBars.Length);
    }

    [Fact]
    public async Task The_trend_counts_proposals_month_by_month_per_origin_and_the_share_that_reached_each_step()
    {
        var client = await _app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var today = DateOnly.FromDateTime(FrenchDates.ToParis(DateTimeOffset.UtcNow).DateTime);
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        var page = await client.GetDocumentAsync($"/pilotage/observatoire?du={from:yyyy-MM-dd}&au={today:yyyy-MM-dd}");
        var trend = page.QuerySelector("figure[aria-labelledby='par-mois-titre']")!;
        var months = trend.QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent).ToList();
        Assert.Equal([FrenchDates.MonthYear(from), FrenchDates.MonthYear(from.AddMonths(1)), FrenchDates.MonthYear(new DateOnly(today.Year, today.Month, 1))], months);
        var online = trend.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent == "en ligne");
        Assert.Equal(["0", "0", "3"], online.QuerySelectorAll("td").Select(td => td.TextContent));
        // Origins that sent nothing in the period take no row.
        Assert.Single(trend.QuerySelectorAll("tbody tr"));

        string Reached(string step) =>
            page.QuerySelectorAll("figure[aria-labelledby='etapes-titre'] tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent == step).QuerySelector("td")!.TextContent;
        Assert.Equal("3", Reached("déposée"));
        Assert.Equal("2", Reached("publiée"));
        Assert.Equal("1", Reached("intégrée"));
        Assert.Equal("0", Reached("réalisée"));
        // A scale: its steps go from light to dark.
        Assert.NotNull(page.QuerySelector("figure[aria-labelledby='etapes-titre'] svg.chart-scale"));
    }

    [Fact]
    public async Task The_csv_lists_every_proposal_of_the_period_without_any_author()
    {
        var client = await _app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var response = await client.GetAsync("/pilotage/observatoire?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("numero;date;statut;origine;themes;tranches_age;soutiens;actions_schema;titre", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("intégrée;en ligne;alimentation, vie sociale;7–10 ans;0;"));
        Assert.DoesNotContain("Colibri", csv);
        Assert.DoesNotContain("Faucon", csv);
    }

    [Fact]
    public async Task A_period_before_the_proposals_counts_nothing_and_a_reversed_period_is_explained()
    {
        var client = await _app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var empty = await client.GetDocumentAsync("/pilotage/observatoire?du=2020-01-01&au=2020-12-31");
        Assert.Contains(": 0", empty.QuerySelector(".lead")!.TextContent);
        var reversed = await client.GetDocumentAsync("/pilotage/observatoire?du=2026-12-31&au=2020-01-01");
        Assert.Contains("après la date de fin", reversed.QuerySelector("#erreur-du")!.TextContent);
        var garbage = await client.GetDocumentAsync("/pilotage/observatoire?du=hier");
        Assert.Contains("2026-03-31", garbage.QuerySelector("#erreur-du")!.TextContent);
        // Twenty thousand months, or the last days of the calendar, are a slip: explained, not drawn.
        foreach (var url in new[] { "/pilotage/observatoire?du=0001-01-01", "/pilotage/observatoire?du=2026-01-01&au=9999-12-30" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("dix ans au plus", (await response.ParseAsync()).QuerySelector("#erreur-du")!.TextContent);
        }
    }

    [Fact]
    public async Task A_date_given_alone_meets_the_default_of_the_other_and_is_checked_with_it()
    {
        var client = await _app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var page = await client.GetDocumentAsync("/pilotage/observatoire?du=9999-12-31");
        Assert.Contains("après la date de fin", page.QuerySelector("#erreur-du")!.TextContent);
        var early = await client.GetDocumentAsync("/pilotage/observatoire?du=1999-12-31");
        Assert.Contains("dix ans au plus", early.QuerySelector("#erreur-du")!.TextContent);
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }
}
