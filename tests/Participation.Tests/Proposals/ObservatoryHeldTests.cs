using Participation.Tests.Infrastructure;
using Participation.Web.Demo;

namespace Participation.Tests.Proposals;

/// <summary>A proposal held for a young person's safety stays out of the observatory for those who do not watch over safety, as on the triage board.</summary>
public sealed class ObservatoryHeldTests : IAsyncLifetime
{
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Proposals"] = "0" });
    private int _held;
    private int _plain;

    public async Task InitializeAsync()
    {
        _app.CreateClient();
        _plain = await _app.ProposeAsync("Faucon", "Des horaires de sortie plus souples");
        _held = await _app.ProposeAsync("Colibri", "Personne ne m'écoute", "Je veux mourir, personne ne m'écoute au foyer le soir.");
        Assert.True(await _app.WithDbAsync(db => Task.FromResult(db.Proposals.Single(p => p.Id == _held).HeldForSafety)));
    }

    [Fact]
    public async Task A_facilitator_reads_neither_its_line_in_the_csv_nor_its_count()
    {
        static string[] Ids(string csv) => csv.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(';')[0]).ToArray();
        var facilitator = await _app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var admin = await _app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var theirs = await facilitator.GetStringAsync("/pilotage/observatoire?handler=Csv");
        var all = await admin.GetStringAsync("/pilotage/observatoire?handler=Csv");
        Assert.Contains($"{_plain}", Ids(theirs));
        Assert.DoesNotContain($"{_held}", Ids(theirs));
        Assert.Contains($"{_held}", Ids(all));
        Assert.Contains(": 1", (await facilitator.GetDocumentAsync("/pilotage/observatoire")).QuerySelector(".lead")!.TextContent.Replace("\u00a0", " "));
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }
}
