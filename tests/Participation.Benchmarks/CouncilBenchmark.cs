using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Participation.Web.Council;
using Participation.Web.Demo;

namespace Participation.Benchmarks;

/// <summary>
/// N participants in one live session on real WebSockets: each votes once within ten seconds.
/// Targets on a 2-core machine for N = 5,000: lost 0, p99 ack ≤ 150 ms, p99 tally delay
/// ≤ 300 ms, ≤ 64 KB of server memory per connection.
/// </summary>
public static partial class CouncilBenchmark
{
    [GeneratedRegex(@"Code pour rejoindre : ([A-Z0-9]{6})")]
    private static partial Regex JoinCode();

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("participants", 5000);
        var window = TimeSpan.FromSeconds(options.Int("seconds", 10));
        Console.WriteLine($"Council benchmark: {count:N0} participants, votes spread over {window.TotalSeconds:0} s, {Environment.ProcessorCount} cores");

        // 5,000 guests from one loopback address: the room-sized join ceiling is raised here;
        // council-room runs with the shipped settings.
        using var site = await SiteProcess.StartAsync(new Dictionary<string, string>
        {
            ["Demo__Seed"] = "true", ["Demo__Proposals"] = "0", ["Council__JoinsPerMinutePerAddress"] = "100000000",
        });
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(site.BaseUrl) };
        var clock = Stopwatch.StartNew();
        var room = await OpenRoomAsync(site, http, clock);
        var (sessionId, code, projector, tallies) = (room.SessionId, room.Code, room.Projector, room.Tallies);

        // Guests join with the code, then hold a WebSocket each.
        GC.Collect();
        await Task.Delay(1000);
        var before = site.ResidentBytes();
        var watch = Stopwatch.StartNew();
        var cookies = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var guest = new Browserless(http);
            var joined = await guest.PostFormAsync("/rejoindre", [new("Code", code), new("Pseudonym", $"Invite{i}")]);
            if (joined.Status != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Guest {i} could not join: {(int)joined.Status}");
            }
            cookies[i] = guest.CookieHeader;
        });
        Console.WriteLine($"{count:N0} guests joined by code in {watch.Elapsed.TotalSeconds:0.0} s");
        watch.Restart();
        var connections = new HubConnection[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            connections[i] = await ConnectAsync(site.BaseUrl, cookies[i]);
            Check(await connections[i].InvokeAsync<Ack>(nameof(CouncilHub.Join), sessionId));
        });
        var held = connections.Count(c => c.State == HubConnectionState.Connected);
        await Task.Delay(2000);
        var after = site.ResidentBytes();
        Console.WriteLine($"{held:N0} connections held after {watch.Elapsed.TotalSeconds:0.0} s");

        // The poll: every phone votes once, at a random moment within the window.
        var (pollId, options_) = await PollAsync(site, sessionId);
        Check(await projector.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), (int)pollId));
        var random = new Random(11);
        var delays = Enumerable.Range(0, count).Select(_ => random.NextDouble() * window.TotalMilliseconds).ToArray();
        var choices = Enumerable.Range(0, count).Select(_ => options_[random.Next(options_.Count)]).ToArray();
        var acks = new ConcurrentBag<(long Sent, long Acked)>();
        var refused = 0;
        var failed = 0;
        var start = clock.ElapsedTicks;
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(delays[i]));
            var sent = clock.ElapsedTicks;
            try
            {
                var ack = await connections[i].InvokeAsync<Ack>(nameof(CouncilHub.Vote), (int)pollId, choices[i].ToString()).WaitAsync(TimeSpan.FromSeconds(30));
                if (ack.Ok)
                {
                    acks.Add((sent, clock.ElapsedTicks));
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failed);
            }
        }));
        var voting = Stopwatch.GetElapsedTime(start, clock.ElapsedTicks);
        var acked = acks.Count;
        for (var i = 0; i < 40 && !tallies.Any(t => t.Ballots >= acked); i++)
        {
            await Task.Delay(100);
        }
        Check(await projector.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll)));
        var stored = (int)await ScalarAsync(site.DatabasePath, $"SELECT COUNT(*) FROM Ballots WHERE PollId = {pollId}");

        // Vote k in order of acknowledgement is in the first tally that counts at least k ballots.
        var ordered = acks.OrderBy(a => a.Acked).ToList();
        var tallyList = tallies.ToList();
        var ackLatency = new Latencies();
        var tallyDelay = new Latencies();
        for (var k = 0; k < ordered.Count; k++)
        {
            ackLatency.Add(Stopwatch.GetElapsedTime(ordered[k].Sent, ordered[k].Acked));
            var seen = tallyList.FirstOrDefault(t => t.Ballots >= k + 1 && t.At >= ordered[k].Sent);
            if (seen != default)
            {
                tallyDelay.Add(Stopwatch.GetElapsedTime(ordered[k].Sent, seen.At));
            }
        }
        var lost = Math.Max(0, acked - stored) + failed;

        Console.WriteLine();
        Console.WriteLine($"connections held: {held}");
        Console.WriteLine($"votes sent: {count}, acknowledged: {acked}, refused: {refused}, in the database afterwards: {stored}");
        Console.WriteLine($"lost: {lost}");
        Console.WriteLine($"vote acknowledgement: p50 {ackLatency.Percentile(50):0.0} ms, p99 {ackLatency.Percentile(99):0.0} ms, max {ackLatency.Max:0.0} ms");
        Console.WriteLine($"vote to projector tally: p50 {tallyDelay.Percentile(50):0.0} ms, p99 {tallyDelay.Percentile(99):0.0} ms ({tallyDelay.Count} measured, {tallyList.Count} tallies received in {voting.TotalSeconds:0.0} s)");
        Console.WriteLine($"server memory: {before / 1024 / 1024} MB before, {after / 1024 / 1024} MB with the connections: {(after - before) / Math.Max(1, held) / 1024.0:0.0} KB per connection");

        await Parallel.ForEachAsync(connections.Where(c => c is not null), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
        await projector.DisposeAsync();
        return lost == 0 ? 0 : 1;
    }

    /// <summary>
    /// A live session as a facilitator prepares it: created with one poll, started, its join code
    /// read from the page, open to guests, and the projector connected and counting tallies.
    /// </summary>
    private sealed record Room(int SessionId, string Code, HubConnection Projector, ConcurrentQueue<(long At, int Ballots)> Tallies);

    private static async Task<Room> OpenRoomAsync(SiteProcess site, HttpClient http, Stopwatch clock)
    {
        var facilitator = new Browserless(http);
        await facilitator.PostFormAsync("/compte/connexion", [new("Login", $"animation@{DemoSeeder.Domain}"), new("Password", DemoSeeder.Password)]);
        var created = await facilitator.PostFormAsync("/conseil/seances/nouvelle",
        [
            new("Title", "Plénière mesurée"), new("Kind", "Plenary"), new("StartsAt", DateTime.Now.AddHours(1).ToString("yyyy-MM-ddTHH:mm")),
            new("Place", "Grande salle"), new("Theme", "Mesure"), new("Bands", "7-10"), new("Bands", "11-14"), new("Bands", "15-17"), new("Bands", "18-25"), new("Agenda", "Vote"),
        ]);
        var sessionUrl = created.Location ?? throw new InvalidOperationException("The session was not created.");
        var sessionId = int.Parse(sessionUrl.Split('/').Last());
        await facilitator.PostFormAsync($"{sessionUrl}?handler=AddPoll", [new("Question", "Quel goûter ?"), new("PollKind", "SingleChoice"), new("Options", "Fruits\nGâteau\nTartines\nYaourt")], sessionUrl);
        await facilitator.PostFormAsync($"{sessionUrl}?handler=Start", [], sessionUrl);
        var code = JoinCode().Match((await facilitator.GetAsync($"{sessionUrl}?done=commencee")).Body).Groups[1].Value;
        var projector = await ConnectAsync(site.BaseUrl, facilitator.CookieHeader);
        var tallies = new ConcurrentQueue<(long At, int Ballots)>();
        projector.On<TallyView>(nameof(ICouncilClient.Tally), t => tallies.Enqueue((clock.ElapsedTicks, t.Ballots)));
        Check(await projector.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), sessionId));
        Check(await projector.InvokeAsync<Ack>(nameof(CouncilHub.AllowGuests), true));
        return new Room(sessionId, code, projector, tallies);
    }

    private static async Task<(long PollId, List<long> Options)> PollAsync(SiteProcess site, int sessionId)
    {
        var pollId = await ScalarAsync(site.DatabasePath, $"SELECT Id FROM Polls WHERE SessionId = {sessionId}");
        var options = new List<long>();
        using var db = Open(site.DatabasePath);
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT Id FROM PollOptions WHERE PollId = {pollId}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            options.Add(reader.GetInt64(0));
        }
        return (pollId, options);
    }

    /// <summary>
    /// A real room with the shipped settings, limits included: the poll is already open when the
    /// code goes up, and every guest, all behind the same address, joins by /rejoindre, connects
    /// its WebSocket and votes at once.
    /// </summary>
    public static async Task<int> RunRoomAsync(Options options)
    {
        var count = options.Int("guests", 40);
        Console.WriteLine($"Council room: {count} guests from one address, shipped settings, {Environment.ProcessorCount} cores");

        using var site = await SiteProcess.StartAsync(new Dictionary<string, string> { ["Demo__Seed"] = "true", ["Demo__Proposals"] = "0" });
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(site.BaseUrl) };
        var clock = Stopwatch.StartNew();
        var room = await OpenRoomAsync(site, http, clock);
        var (pollId, choices) = await PollAsync(site, room.SessionId);
        Check(await room.Projector.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), (int)pollId));

        var inside = new ConcurrentBag<TimeSpan>();
        var voted = new ConcurrentBag<TimeSpan>();
        var refusals = new ConcurrentBag<string>();
        var failed = 0;
        var connections = new ConcurrentBag<HubConnection>();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            var guest = new Browserless(http);
            var joined = await guest.PostFormAsync("/rejoindre", [new("Code", room.Code), new("Pseudonym", $"Invite{i}")]);
            if (joined.Status != HttpStatusCode.Redirect)
            {
                refusals.Add($"{(int)joined.Status} {WebUtility.HtmlDecode(ErrorMessage().Match(joined.Body).Groups[1].Value)}");
                return;
            }
            inside.Add(Stopwatch.GetElapsedTime(start));
            try
            {
                var connection = await ConnectAsync(site.BaseUrl, guest.CookieHeader);
                connections.Add(connection);
                Check(await connection.InvokeAsync<Ack>(nameof(CouncilHub.Join), room.SessionId));
                var ack = await connection.InvokeAsync<Ack>(nameof(CouncilHub.Vote), (int)pollId, choices[i % choices.Count].ToString()).WaitAsync(TimeSpan.FromSeconds(30));
                if (ack.Ok)
                {
                    voted.Add(Stopwatch.GetElapsedTime(start));
                }
                else
                {
                    refusals.Add(ack.Message ?? "vote refused");
                }
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failed);
            }
        })));
        for (var i = 0; i < 40 && !room.Tallies.Any(t => t.Ballots >= voted.Count); i++)
        {
            await Task.Delay(100);
        }
        Check(await room.Projector.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll)));
        var stored = (int)await ScalarAsync(site.DatabasePath, $"SELECT COUNT(*) FROM Ballots WHERE PollId = {pollId}");
        var shown = room.Tallies.IsEmpty ? 0 : room.Tallies.Max(t => t.Ballots);
        var lost = Math.Max(0, voted.Count - stored) + failed;

        Console.WriteLine();
        Console.WriteLine($"guests in: {inside.Count} of {count}; the last got in after {(inside.IsEmpty ? double.NaN : inside.Max().TotalSeconds):0.00} s");
        Console.WriteLine($"votes acknowledged: {voted.Count}, in the database afterwards: {stored}, on the projector: {shown}; the last acknowledged after {(voted.IsEmpty ? double.NaN : voted.Max().TotalSeconds):0.00} s");
        Console.WriteLine($"lost: {lost}");
        foreach (var refusal in refusals.Distinct())
        {
            Console.WriteLine($"refused: {refusal}");
        }

        await Parallel.ForEachAsync(connections, async (c, _) => await c.DisposeAsync());
        await room.Projector.DisposeAsync();
        return lost == 0 && inside.Count == count && voted.Count == count ? 0 : 1;
    }

    [GeneratedRegex("<p class=\"field-error\"[^>]*>([^<]*)</p>")]
    private static partial Regex ErrorMessage();

    private static async Task<HubConnection> ConnectAsync(string baseUrl, string cookieHeader)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}{CouncilHub.Path}", options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Headers["Cookie"] = cookieHeader;
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        await connection.StartAsync();
        return connection;
    }

    private static void Check(Ack ack)
    {
        if (!ack.Ok)
        {
            throw new InvalidOperationException(ack.Message);
        }
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        return connection;
    }

    private static async Task<long> ScalarAsync(string path, string sql)
    {
        await using var connection = Open(path);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
