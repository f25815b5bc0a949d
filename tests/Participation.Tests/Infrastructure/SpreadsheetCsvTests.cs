using System.Text;
using Participation.Web.Demo;
using Participation.Web.Infrastructure;

namespace Participation.Tests.Infrastructure;

[Collection(SharedAppCollection.Name)]
public sealed class SpreadsheetCsvTests(ParticipationApp app)
{
    private static async Task<string> CellAsync(string text)
    {
        await using var output = new StringWriter();
        await using (var csv = SpreadsheetCsv.Writer(output))
        {
            csv.WriteField(text);
            await csv.NextRecordAsync();
        }
        return output.ToString().TrimEnd('\n').TrimEnd('\r').Trim('"');
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("\uFF1DHYPERLINK(\"http://exemple.invalid\")")]
    [InlineData("\uFF0B1\uFF0B1")]
    [InlineData("\uFF0D1\uFF0B1")]
    [InlineData("\uFF20SUM(A1)")]
    [InlineData("\uFE66HYPERLINK(\"http://exemple.invalid\")")]
    [InlineData("\uFE621")]
    [InlineData("\uFE631")]
    [InlineData("\uFE6BSUM(A1)")]
    public async Task A_text_that_starts_like_a_formula_stays_text(string typed)
    {
        var cell = await CellAsync(typed);
        Assert.StartsWith("'", cell);
        Assert.Equal(typed.Replace("\"", "\"\""), cell[1..]);
    }

    [Theory]
    [InlineData("Des fruits = de la santé")]
    [InlineData("Réponse : 1+1")]
    [InlineData("'déjà entre apostrophes")]
    public async Task Any_other_text_is_written_as_it_is(string typed) =>
        Assert.Equal(typed, await CellAsync(typed));

    [Fact]
    public async Task Titles_starting_with_full_width_formula_signs_stay_text_in_the_proposals_export()
    {
        string[] titles = ["\uFF1DHYPERLINK(\"http://exemple.invalid\";\"Voir\")", "\uFF0B de sorties le week-end", "\uFF0D de devoirs le soir", "\uFF20tous : un local pour nous"];
        foreach (var title in titles)
        {
            await app.AdvanceAsync(await app.ProposeAsync("Colibri", title), Participation.Web.Proposals.ProposalStatus.Published);
        }
        var staff = await app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var csv = Encoding.UTF8.GetString(await staff.GetByteArrayAsync("/pilotage/observatoire?handler=Csv"));
        using var reader = new CsvHelper.CsvReader(new StringReader(csv), new CsvHelper.Configuration.CsvConfiguration(System.Globalization.CultureInfo.InvariantCulture) { Delimiter = ";" });
        var cells = new List<string>();
        await reader.ReadAsync();
        reader.ReadHeader();
        while (await reader.ReadAsync())
        {
            cells.Add(reader.GetField("titre")!);
        }
        foreach (var title in titles)
        {
            Assert.Contains("'" + title, cells);
            Assert.DoesNotContain(title, cells);
        }
    }
}
