using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.Benchmarks;

/// <summary>
/// /propositions (filters and search) and /schema over a large number of proposals.
/// Target on a 2-core machine with 100,000 proposals: p95 under 100 ms.
/// </summary>
public static class ProposalsBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("count", 100_000);
        var requests = options.Int("requests", 300);
        Console.WriteLine($"Proposals benchmark: {count:N0} proposals, {requests} requests per scenario, {Environment.ProcessorCount} cores");

        // --postgres "Host=127.0.0.1;Port=5432;Username=postgres": a database of its own on that server,
        // dropped at the end; with --database NAME, that one, kept, and filled only the first time.
        var settings = new Dictionary<string, string> { ["Demo:Seed"] = "true", ["Demo:Proposals"] = "0" };
        var postgres = options.Values.GetValueOrDefault("postgres");
        var kept = options.Values.GetValueOrDefault("database");
        var database = kept ?? $"participation_bench_{Guid.NewGuid():N}";
        if (postgres is not null)
        {
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Participation"] = $"{postgres};Database={database}";
            Console.WriteLine($"On PostgreSQL, database {database}");
        }
        try
        {
            return await RunOnAsync(settings, count, requests);
        }
        finally
        {
            if (postgres is not null && kept is null)
            {
                await using var server = new Npgsql.NpgsqlConnection($"{postgres};Database=postgres");
                await server.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", server);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static async Task<int> RunOnAsync(Dictionary<string, string> settings, int count, int requests)
    {
        using var site = new BenchmarkSite(settings);
        var clock = Stopwatch.StartNew();
        var already = await CountAsync(site);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
            var year = DateTime.Now.Year;
            var young = await db.MembersInRole(Roles.Young).Select(u => new { u.Id, u.BirthYear, u.Pseudonym }).ToListAsync();
            var pros = await db.MembersInRole(Roles.Professional).Select(u => u.Id).ToListAsync();
            var authors = new ProposalGenerator.Authors(
                young.Select(y => (y.Id, AgeBands.ForBirthYear(y.BirthYear!.Value, year)!.Value, y.Pseudonym)).ToList(), pros);
            if (already < count)
            {
                await scope.ServiceProvider.GetRequiredService<ProposalGenerator>().BulkInsertAsync(count - already, seed: 42, authors);
            }
        }
        var stored = await CountAsync(site);
        Console.WriteLine($"Generated {stored:N0} proposals in {clock.Elapsed.TotalSeconds:0.0} s; database {await SizeAsync(site) / 1024 / 1024} MB");

        var nodes = await NodesAsync(site);
        var words = new[] { "wifi", "securite", "école", "cuisiner", "vacances", "psychologue", "logement", "photos", "argent", "frères", "téléphone", "chambre" };
        var themes = new[] { "alimentation", "intimite", "numerique", "vie-sociale", "sante", "scolarite", "loisirs", "identite", "liens-familiaux", "sortie-ase" };
        var statuses = new[] { "publiee", "retenue", "transmise", "integree", "realisee", "non-retenue" };
        var origins = new[] { "en-ligne", "conseil", "consultation", "micro-trottoir", "entraide", "papier", "telephone" };
        var bands = new[] { "7-10", "11-14", "15-17", "18-25" };
        var random = new Random(7);
        T Pick<T>(T[] items) => items[random.Next(items.Length)];

        var stats = site.Services.GetRequiredService<Participation.Web.Proposals.ProposalStats>();
        var scenarios = new (string Name, Func<string> Url, Action? Before)[]
        {
            ("/propositions", () => "/propositions", null),
            ("/propositions, pages 2-80", () => $"/propositions?page={random.Next(2, 80)}", null),
            ("/propositions?theme", () => $"/propositions?theme={Pick(themes)}", null),
            ("/propositions?statut&origine", () => $"/propositions?statut={Pick(statuses)}&origine={Pick(origins)}", null),
            ("/propositions?tranche&noeud", () => $"/propositions?tranche={Pick(bands)}&noeud={Pick(nodes)}", null),
            ("/propositions?q", () => $"/propositions?q={Uri.EscapeDataString(Pick(words))}", null),
            ("/propositions?q + all filters", () => $"/propositions?q={Uri.EscapeDataString(Pick(words))}&theme={Pick(themes)}&statut={Pick(statuses)}&tranche={Pick(bands)}", null),
            ("/schema", () => "/schema", null),
            // The schema's counts are cached until a proposal changes; this is the price of a change.
            ("/schema, counts recomputed", () => "/schema", stats.Invalidate),
        };

        using var http = new HttpClient { BaseAddress = new Uri(site.BaseUrl) };
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-34} {"n",5} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        var worst = 0.0;
        foreach (var (name, url, before) in scenarios)
        {
            for (var i = 0; i < 10; i++)
            {
                (await http.GetAsync(url())).EnsureSuccessStatusCode();
            }
            var latencies = new Latencies();
            for (var i = 0; i < requests; i++)
            {
                before?.Invoke();
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(url());
                await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                response.EnsureSuccessStatusCode();
                latencies.Add(watch.Elapsed);
            }
            if (before is null)
            {
                worst = Math.Max(worst, latencies.Percentile(95));
            }
            Console.WriteLine($"{name,-34} {latencies.Count,5} {latencies.Percentile(50),8:0.0} {latencies.Percentile(95),8:0.0} {latencies.Percentile(99),8:0.0} {latencies.Max,8:0.0}");
        }
        Console.WriteLine();
        Console.WriteLine($"worst p95: {worst:0.0} ms (target < 100 ms): {(worst < 100 ? "met" : "NOT met")}");
        return 0;
    }

    private static async Task<long> SizeAsync(BenchmarkSite site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        return db is PostgresParticipationDb
            ? await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync()
            : new FileInfo(site.DatabasePath).Length;
    }

    private static async Task<int> CountAsync(BenchmarkSite site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParticipationDb>().Proposals.CountAsync();
    }

    private static async Task<int[]> NodesAsync(BenchmarkSite site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ParticipationDb>().PlanNodes.Where(n => n.Plan!.IsPrimary).Select(n => n.Id).ToArrayAsync();
    }
}
