using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Participation.Web.Council;
using Participation.Web.Demo;

namespace Participation.Benchmarks;

/// <summary>
/// N participants in one live session on real WebSockets: each votes once within ten seconds.
/// Targets on a 2-core machine for N = 5,000: lost 0, p99 ack ≤ 150 ms, p99 tally delay
/// ≤ 300 ms, ≤ 64 KB of server memory per connection. With <c>--instances 2</c>, the same through
/// nginx in front of two instances on PostgreSQL and Redis (targets: lost 0, p99 ack ≤ 250 ms,
/// p99 tally delay ≤ 500 ms); with <c>--kill-at-mid</c>, one of them is killed halfway through the
/// vote and its phones come back through nginx to the other, sending again what was not acknowledged.
/// </summary>
public static partial class CouncilBenchmark
{
    [GeneratedRegex(@"Code pour rejoindre : ([A-Z0-9]{6})")]
    private static partial Regex JoinCode();

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("participants", 5000);
        var window = TimeSpan.FromSeconds(options.Int("seconds", 10));
        var instances = options.Int("instances", 1);
        var killAtMid = options.Values.ContainsKey("kill-at-mid");
        var client = options.Values.GetValueOrDefault("phones", "wire");
        if (client is not ("wire" or "hubconnection"))
        {
            Console.Error.WriteLine("--phones is wire (the hub's protocol on a bare WebSocket, the default) or hubconnection (the .NET SignalR client).");
            return 2;
        }
        if (instances < 1 || (killAtMid && instances < 2))
        {
            Console.Error.WriteLine("--kill-at-mid needs --instances 2 or more: its phones need an instance to come back to.");
            return 2;
        }
        Console.WriteLine($"Council benchmark: {count:N0} participants, votes spread over {window.TotalSeconds:0} s, " +
            (instances == 1 ? "" : $"{instances} instances behind nginx on PostgreSQL and Redis{(killAtMid ? ", one killed at mid-vote" : "")}, ") +
            $"{Environment.ProcessorCount} cores, phones on {(client == "wire" ? "bare WebSockets" : "the .NET SignalR client")}");

        // 5,000 guests from one loopback address: the room-sized join ceiling and guest places are
        // raised here; council-room runs with the shipped settings.
        using var site = await Deployment.StartAsync(instances, new Dictionary<string, string>
        {
            ["Demo__Seed"] = "true", ["Demo__Proposals"] = "0", ["Council__JoinsPerMinutePerAddress"] = "100000000",
            ["Council__GuestsPerAddressPerSession"] = "100000000",
        }, count);
        using var http = site.CreateClient(64);
        var clock = Stopwatch.StartNew();
        var room = await OpenRoomAsync(site, http, clock);
        var (sessionId, code, projector, tallies) = (room.SessionId, room.Code, room.Projector, room.Tallies);

        // Guests join with the code, then hold a WebSocket each.
        GC.Collect();
        await Task.Delay(1000);
        var before = site.Instances.Select(instance => instance.ResidentBytes()).ToArray();
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
        var phones = new IPhone[count];
        var hub = site.WebSocketAddress(CouncilHub.Path);
        // Phones that have sent nothing for 15 s ping, from the first one connected on.
        using var stopPinging = new CancellationTokenSource();
        var pinging = WirePhone.KeepAliveAsync(phones, stopPinging.Token);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            phones[i] = client == "wire"
                ? await WirePhone.ConnectAsync(hub, cookies[i], site.Configure, phone => phone.InvokeAsync(nameof(CouncilHub.Join), sessionId), clock)
                : await Screen.ConnectAsync(site, cookies[i], c => c.InvokeAsync<Ack>(nameof(CouncilHub.Join), sessionId), clock);
        });
        var held = phones.Count(p => p.Connected);
        await Task.Delay(2000);
        var after = site.Instances.Select(instance => instance.ResidentBytes()).ToArray();
        var connected = site.Instances.Select(Deployment.ConnectionsTo).ToArray();
        Console.WriteLine($"{held:N0} connections held after {watch.Elapsed.TotalSeconds:0.0} s");

        // The opening question, which one phone in ten answers: the vote's code runs once on every
        // instance before the measured poll, as it has in a room that has been going for a minute.
        var (openingId, openingOptions) = await PollAsync(site, sessionId, 1);
        Check(await projector.Connection.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), (int)openingId));
        var opening = new Latencies();
        await Task.WhenAll(Enumerable.Range(0, count).Where(i => i % 10 == 0).Select(async i =>
        {
            await phones[i].Shown((int)openingId).WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * window.TotalMilliseconds));
            var sent = clock.ElapsedTicks;
            Check(await phones[i].InvokeAsync(nameof(CouncilHub.Vote), (int)openingId, openingOptions[0].ToString()).WaitAsync(TimeSpan.FromSeconds(30)));
            lock (opening)
            {
                opening.Add(Stopwatch.GetElapsedTime(sent, clock.ElapsedTicks));
            }
        }));
        Check(await projector.Connection.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll)));
        Console.WriteLine($"opening question, {opening.Count:N0} phones: acknowledgement p50 {opening.Percentile(50):0.0} ms, p99 {opening.Percentile(99):0.0} ms, max {opening.Max:0.0} ms");
        await Task.Delay(2000);

        // The poll: every phone votes once, at a random moment within the window after its screen
        // shows the question. A vote whose connection drops before it is acknowledged is sent again
        // once the phone is back in the room.
        var (pollId, options_) = await PollAsync(site, sessionId);
        var cpuBefore = CpuTimes(site);
        var (pausedBefore, collectionsBefore) = (GC.GetTotalPauseDuration(), Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray());
        var start = clock.ElapsedTicks;
        Check(await projector.Connection.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), (int)pollId));
        var random = new Random(11);
        var delays = Enumerable.Range(0, count).Select(_ => random.NextDouble() * window.TotalMilliseconds).ToArray();
        var choices = Enumerable.Range(0, count).Select(_ => options_[random.Next(options_.Count)]).ToArray();
        var acks = new ConcurrentBag<(int Phone, long Sent, long Acked)>();
        var refusals = new ConcurrentBag<string>();
        var failed = 0;
        var resent = 0;
        var victim = killAtMid ? site.Instances[^1] : null;
        long killedAt = 0;
        var kill = victim is null ? Task.CompletedTask : Task.Run(async () =>
        {
            await Task.Delay(window / 2);
            killedAt = clock.ElapsedTicks;
            victim.Kill();
        });
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            // Nobody votes before the question is on their phone; a phone whose instance died first
            // reads it in the room's state once back.
            try
            {
                await phones[i].Shown((int)pollId).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(delays[i]));
            while (true)
            {
                var inRoom = phones[i].InRoom;
                try
                {
                    await inRoom.WaitAsync(TimeSpan.FromSeconds(60));
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref failed);
                    return;
                }
                var sent = clock.ElapsedTicks;
                try
                {
                    var ack = await phones[i].InvokeAsync(nameof(CouncilHub.Vote), (int)pollId, choices[i].ToString()).WaitAsync(TimeSpan.FromSeconds(30));
                    if (ack.Ok)
                    {
                        acks.Add((i, sent, clock.ElapsedTicks));
                        return;
                    }
                    if (phones[i].InRoom == inRoom)
                    {
                        refusals.Add(ack.Message ?? "vote refused");
                        return;
                    }
                    // The .NET client holds a call made while it reconnects and sends it on the new
                    // connection before the phone has joined again, which the page never does: the
                    // vote goes again once the phone is back in the room.
                    Interlocked.Increment(ref resent);
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref failed);
                    return;
                }
                catch (Exception) when (instances > 1)
                {
                    // The connection dropped with the vote unanswered: it goes again once the phone is
                    // back and has joined again, as the page sends what waits only once joined.
                    Interlocked.Increment(ref resent);
                    for (var waited = 0; waited < 600 && phones[i].InRoom == inRoom; waited++)
                    {
                        await Task.Delay(100);
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                    return;
                }
            }
        }));
        await kill;
        var voting = Stopwatch.GetElapsedTime(start, clock.ElapsedTicks);
        var cpuUsed = CpuTimes(site).Zip(cpuBefore, (after_, before_) => after_ - before_).ToArray();
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var collections = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]).ToArray();
        var acked = acks.Count;
        var stored = (int)await site.ScalarAsync($"""SELECT COUNT(*) FROM "Ballots" WHERE "PollId" = {pollId}""");
        for (var i = 0; i < 100 && tallies.LastOrDefault().Ballots != stored; i++)
        {
            await Task.Delay(100);
        }
        var shown = tallies.LastOrDefault().Ballots;
        Check(await projector.Connection.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll)));
        var inDatabase = (await site.ColumnAsync<string>($"""SELECT p."Pseudonym" FROM "Ballots" b JOIN "Participants" p ON p."Id" = b."ParticipantId" WHERE b."PollId" = {pollId}""")).ToHashSet();

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
        var lost = acks.Count(a => !inDatabase.Contains($"Invite{a.Phone}")) + failed;
        var questionShown = new Latencies();
        foreach (var phone in phones.Where(p => p.Shown((int)pollId).IsCompletedSuccessfully))
        {
            questionShown.Add(Stopwatch.GetElapsedTime(start, phone.Shown((int)pollId).Result));
        }
        // Votes sent while the question was still on its way to other phones share the machine with
        // that fan-out (the phones' side of it included, in this very process).
        var lastShown = phones.Where(p => p.Shown((int)pollId).IsCompletedSuccessfully).Select(p => p.Shown((int)pollId).Result).DefaultIfEmpty(start).Max();
        var duringFanOut = new Latencies();
        var afterFanOut = new Latencies();
        foreach (var (_, sent, ackedAt) in ordered)
        {
            (sent < lastShown ? duringFanOut : afterFanOut).Add(Stopwatch.GetElapsedTime(sent, ackedAt));
        }

        Console.WriteLine();
        Console.WriteLine($"connections held: {held}; phones that lost their connection at some point: {phones.Count(p => p.DroppedAt > 0):N0}");
        Console.WriteLine($"votes sent: {count}, acknowledged: {acked}, refused: {refusals.Count}, in the database afterwards: {stored}");
        Console.WriteLine($"lost: {lost}");
        Console.WriteLine($"question on the phones after the poll opened: p50 {questionShown.Percentile(50):0.0} ms, last {questionShown.Max:0.0} ms ({questionShown.Count:N0} phones); each votes within {window.TotalSeconds:0.#} s of seeing it");
        Console.WriteLine($"vote acknowledgement: p50 {ackLatency.Percentile(50):0.0} ms, p99 {ackLatency.Percentile(99):0.0} ms, max {ackLatency.Max:0.0} ms");
        Console.WriteLine($"  sent while the question was still reaching phones: {duringFanOut.Count:N0} votes, p99 {duringFanOut.Percentile(99):0.0} ms; " +
            $"sent after: {afterFanOut.Count:N0} votes, p99 {afterFanOut.Percentile(99):0.0} ms");
        Console.WriteLine($"vote to projector tally: p50 {tallyDelay.Percentile(50):0.0} ms, p99 {tallyDelay.Percentile(99):0.0} ms ({tallyDelay.Count} measured, {tallyList.Count} tallies received in {voting.TotalSeconds:0.0} s)");
        Console.WriteLine($"processor time during the vote ({voting.TotalSeconds:0.00} s on {Environment.ProcessorCount} cores): " +
            string.Join(", ", cpuUsed.SkipLast(1).Select((used, k) => used < TimeSpan.Zero ? $"instance {k + 1} killed" : $"instance {k + 1} {used.TotalSeconds:0.00} s")) +
            $", the {count:N0} phones (this process) {cpuUsed[^1].TotalSeconds:0.00} s, which paused {paused.TotalMilliseconds:0} ms for its own garbage collections ({collections[0]}/{collections[1]}/{collections[2]} of generations 0/1/2)");
        if (instances == 1)
        {
            Console.WriteLine($"server memory: {before[0] / 1024 / 1024} MB before, {after[0] / 1024 / 1024} MB with the connections: {(after[0] - before[0]) / Math.Max(1, held) / 1024.0:0.0} KB per connection");
        }
        else
        {
            Console.WriteLine($"projector's last tally: {shown} ballots, the database {stored}: {(shown == stored ? "equal" : "DIFFERENT")}");
            for (var k = 0; k < instances; k++)
            {
                Console.WriteLine($"instance {k + 1} memory: {before[k] / 1024 / 1024} MB before, {after[k] / 1024 / 1024} MB with {connected[k]:N0} connections from nginx: {(after[k] - before[k]) / Math.Max(1, connected[k]) / 1024.0:0.0} KB per connection");
            }
        }
        foreach (var refusal in refusals.Distinct())
        {
            Console.WriteLine($"refused: {refusal}");
        }
        if (victim is not null)
        {
            var dropped = phones.Where(p => p.DroppedAt >= killedAt).ToList();
            var back = dropped.Where(p => p.BackAt > p.DroppedAt).Select(p => Stopwatch.GetElapsedTime(killedAt, p.BackAt)).ToList();
            var everyone = back.Count == dropped.Count && back.Count > 0 ? $"every phone back in the room {back.Max().TotalSeconds:0.00} s after the kill" : $"{dropped.Count - back.Count} never came back";
            Console.WriteLine($"killed instance {instances} at {Stopwatch.GetElapsedTime(start, killedAt).TotalSeconds:0.0} s into the vote: {dropped.Count:N0} phones dropped, {resent:N0} votes sent again; {everyone}" +
                (back.Count > 0 ? $" (p50 {back.Order().ElementAt(back.Count / 2).TotalSeconds:0.00} s)" : ""));
        }

        foreach (var (reason, times) in Screen.FailedAttempts.Concat(WirePhone.FailedAttempts).OrderByDescending(f => f.Value).Take(5))
        {
            Console.WriteLine($"reconnection attempts failed {times:N0} times: {reason}");
        }
        await stopPinging.CancelAsync();
        await pinging;
        await Parallel.ForEachAsync(phones.Where(p => p is not null), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (p, _) => await p.DisposeAsync());
        await projector.Connection.DisposeAsync();
        return lost == 0 && (instances == 1 || shown == stored) ? 0 : 1;
    }

    /// <summary>
    /// A screen's WebSocket, joined to the session. After a drop it reconnects as the page's script
    /// does (at once, then after one second more each time, five at most) and joins again.
    /// </summary>
    private sealed class Screen : IPhone
    {
        private TaskCompletionSource _inRoom = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Screen(HubConnection connection)
        {
            Connection = connection;
        }

        public HubConnection Connection { get; }

        public bool Connected => Connection.State == HubConnectionState.Connected;

        public Task<Ack> InvokeAsync(string method, params object?[] args) => Connection.InvokeCoreAsync<Ack>(method, args);

        public ValueTask DisposeAsync() => Connection.DisposeAsync();

        /// <summary>Completes while the screen is in the room: connected and joined.</summary>
        public Task InRoom => Volatile.Read(ref _inRoom).Task;

        private readonly ConcurrentDictionary<int, TaskCompletionSource<long>> _pollsShown = new();

        /// <summary>When the poll's question reached this screen, on the benchmark's clock.</summary>
        public Task<long> Shown(int pollId) => _pollsShown.GetOrAdd(pollId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        /// <summary>When it last dropped, and last came back, on the benchmark's clock (0: never).</summary>
        public long DroppedAt { get; private set; }
        public long BackAt { get; private set; }

        public static async Task<Screen> ConnectAsync(Deployment site, string cookieHeader, Func<HubConnection, Task<Ack>> join, Stopwatch clock)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl($"{site.BaseUrl}{CouncilHub.Path}", options =>
                {
                    options.Transports = HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                    options.Headers["Cookie"] = cookieHeader;
                    site.Configure(options);
                })
                .WithAutomaticReconnect(new AsThePageDoes())
                .Build();
            connection.ServerTimeout = TimeSpan.FromMinutes(2);
            var screen = new Screen(connection);
            connection.On<PollView>(nameof(ICouncilClient.PollOpened), poll =>
                screen._pollsShown.GetOrAdd(poll.Id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(clock.ElapsedTicks));
            connection.Reconnecting += _ =>
            {
                screen.DroppedAt = clock.ElapsedTicks;
                if (screen.InRoom.IsCompleted)
                {
                    Volatile.Write(ref screen._inRoom, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }
                return Task.CompletedTask;
            };
            connection.Reconnected += async _ =>
            {
                try
                {
                    if ((await join(connection)).Ok)
                    {
                        screen.BackAt = clock.ElapsedTicks;
                        Volatile.Read(ref screen._inRoom).TrySetResult();
                    }
                }
                catch (Exception)
                {
                    // Dropped again: the next reconnection joins.
                }
            };
            await connection.StartAsync();
            Check(await join(connection));
            screen._inRoom.TrySetResult();
            return screen;
        }

        /// <summary>Why reconnection attempts failed, attempt after attempt, over all the screens.</summary>
        public static readonly ConcurrentDictionary<string, int> FailedAttempts = new();

        private sealed class AsThePageDoes : IRetryPolicy
        {
            public TimeSpan? NextRetryDelay(RetryContext retryContext)
            {
                if (retryContext.PreviousRetryCount > 0)
                {
                    FailedAttempts.AddOrUpdate(retryContext.RetryReason?.Message ?? "?", 1, (_, n) => n + 1);
                }
                return TimeSpan.FromMilliseconds(Math.Min(5000, 1000 * retryContext.PreviousRetryCount));
            }
        }
    }

    /// <summary>
    /// A live session as a facilitator prepares it: created with one poll, started, its join code
    /// read from the page, open to guests, and the projector connected and counting tallies.
    /// </summary>
    private sealed record Room(int SessionId, string Code, Screen Projector, ConcurrentQueue<(long At, int Ballots)> Tallies);

    private static async Task<Room> OpenRoomAsync(Deployment site, HttpClient http, Stopwatch clock)
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
        // A first question to check that every phone works, as facilitators open with.
        await facilitator.PostFormAsync($"{sessionUrl}?handler=AddPoll", [new("Question", "Tout le monde voit cette question ?"), new("PollKind", "SingleChoice"), new("Options", "Oui\nNon")], sessionUrl);
        await facilitator.PostFormAsync($"{sessionUrl}?handler=Start", [], sessionUrl);
        var code = JoinCode().Match((await facilitator.GetAsync($"{sessionUrl}?done=commencee")).Body).Groups[1].Value;
        var tallies = new ConcurrentQueue<(long At, int Ballots)>();
        var projector = await Screen.ConnectAsync(site, facilitator.CookieHeader, c => c.InvokeAsync<Ack>(nameof(CouncilHub.JoinAsFacilitator), sessionId), clock);
        projector.Connection.On<TallyView>(nameof(ICouncilClient.Tally), t => tallies.Enqueue((clock.ElapsedTicks, t.Ballots)));
        Check(await projector.Connection.InvokeAsync<Ack>(nameof(CouncilHub.AllowGuests), true));
        return new Room(sessionId, code, projector, tallies);
    }

    /// <summary>The session's poll about snacks (0), or its opening question (1).</summary>
    private static async Task<(long PollId, List<long> Options)> PollAsync(Deployment site, int sessionId, int index = 0)
    {
        var pollId = await site.ScalarAsync($"""SELECT "Id" FROM "Polls" WHERE "SessionId" = {sessionId} ORDER BY "Id" LIMIT 1 OFFSET {index}""");
        return (pollId, await site.ColumnAsync<long>($"""SELECT "Id" FROM "PollOptions" WHERE "PollId" = {pollId}"""));
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

        using var site = await Deployment.StartAsync(1, new Dictionary<string, string> { ["Demo__Seed"] = "true", ["Demo__Proposals"] = "0" }, count);
        using var http = site.CreateClient(int.MaxValue);
        var clock = Stopwatch.StartNew();
        var room = await OpenRoomAsync(site, http, clock);
        var (pollId, choices) = await PollAsync(site, room.SessionId);
        Check(await room.Projector.Connection.InvokeAsync<Ack>(nameof(CouncilHub.OpenPoll), (int)pollId));

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
                var connection = (await Screen.ConnectAsync(site, guest.CookieHeader, c => c.InvokeAsync<Ack>(nameof(CouncilHub.Join), room.SessionId), Stopwatch.StartNew())).Connection;
                connections.Add(connection);
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
        Check(await room.Projector.Connection.InvokeAsync<Ack>(nameof(CouncilHub.ClosePoll)));
        var stored = (int)await site.ScalarAsync($"""SELECT COUNT(*) FROM "Ballots" WHERE "PollId" = {pollId}""");
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
        await room.Projector.Connection.DisposeAsync();
        return lost == 0 && inside.Count == count && voted.Count == count ? 0 : 1;
    }

    [GeneratedRegex("<p class=\"field-error\"[^>]*>([^<]*)</p>")]
    private static partial Regex ErrorMessage();

    /// <summary>The processor time each instance, then this process, has used so far.</summary>
    private static TimeSpan[] CpuTimes(Deployment site) =>
        [.. site.Instances.Select(instance => instance.ProcessorTime()), Environment.CpuUsage.TotalTime];

    private static void Check(Ack ack)
    {
        if (!ack.Ok)
        {
            throw new InvalidOperationException(ack.Message);
        }
    }
}
