using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Bogus;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Demo;
using Participation.Web.Peers;
using Participation.Web.Shared;

namespace Participation.Benchmarks;

/// <summary>
/// The peer network at size. A circle holding 10,000 messages is read page by page and thread by
/// thread (target p95 under 50 ms); then N members of the 15–17 circle keep its page open while a
/// moderator publishes messages one after another, and the time from the moderator's click to each
/// member's screen is measured (target p99 under 500 ms).
/// </summary>
public static class PeersBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var posts = options.Int("posts", 10_000);
        var requests = options.Int("requests", 300);
        var members = options.Int("members", 500);
        var rounds = options.Int("rounds", 20);
        Console.WriteLine($"Peer network benchmark: a circle of {posts:N0} messages, {requests} requests per scenario; {members} members listening, {rounds} messages published; {Environment.ProcessorCount} cores");

        // Enough young members for the listeners: a quarter of them are 15–17 and four in five are activated.
        var young = (int)Math.Ceiling(members * 4 * 1.25) + 200;
        using var site = new BenchmarkSite(new Dictionary<string, string>
        {
            ["Demo:Seed"] = "true", ["Demo:Proposals"] = "0", ["Demo:Testimonies"] = "false",
            ["Demo:YoungMembers"] = young.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var clock = Stopwatch.StartNew();
        var (threads, longThread) = await FillCircleAsync(site, "18-25", posts);
        Console.WriteLine($"Demo with {young:N0} young members; « 18-25 » filled to {posts:N0} messages in {clock.Elapsed.TotalSeconds:0.0} s; database {new FileInfo(site.DatabasePath).Length / 1024 / 1024} MB");

        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(site.BaseUrl),
            Timeout = TimeSpan.FromMinutes(5),
        };
        var reader = await SignInAsync(http, "Baobab");
        var pages = (int)Math.Ceiling(threads.Count / 20.0);
        var random = new Random(11);
        var scenarios = new (string Name, Func<string> Url)[]
        {
            ("circle, first page", () => "/entraide/cercles/18-25"),
            ($"circle, pages 2-{pages}", () => $"/entraide/cercles/18-25?page={random.Next(2, pages + 1)}"),
            ("thread of 4 replies", () => $"/entraide/cercles/18-25/fils/{threads[random.Next(threads.Count)]}"),
            ("thread of 1,000 replies, last page", () => $"/entraide/cercles/18-25/fils/{longThread}?page=9999"),
        };
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-36} {"n",5} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        var worst = 0.0;
        foreach (var (name, url) in scenarios)
        {
            for (var i = 0; i < 10; i++)
            {
                Ok(await reader.GetAsync(url()), name);
            }
            var latencies = new Latencies();
            for (var i = 0; i < requests; i++)
            {
                var watch = Stopwatch.StartNew();
                var page = await reader.GetAsync(url());
                latencies.Add(watch.Elapsed);
                Ok(page, name);
            }
            worst = Math.Max(worst, latencies.Percentile(95));
            Console.WriteLine($"{name,-36} {latencies.Count,5} {latencies.Percentile(50),8:0.0} {latencies.Percentile(95),8:0.0} {latencies.Percentile(99),8:0.0} {latencies.Max,8:0.0}");
        }
        Console.WriteLine($"worst p95: {worst:0.0} ms (target < 50 ms): {(worst < 50 ? "met" : "NOT met")}");

        var fanOut = await FanOutAsync(site, http, members, rounds);
        var evening = await ShippedEveningAsync();
        return worst < 50 && fanOut && evening ? 0 : 1;
    }

    /// <summary>
    /// With the sign-in limits as shipped: the 40 young people of one foyer, behind its one Wi-Fi,
    /// sign in together and follow their circle while a moderator publishes five messages.
    /// </summary>
    private static async Task<bool> ShippedEveningAsync()
    {
        var shipped = new AccountsOptions();
        Console.WriteLine();
        Console.WriteLine($"A foyer's evening with the shipped limits ({shipped.AttemptsPerMinutePerAddress} sign-ins a minute per address, waits after {shipped.FreeWrongPasswords} wrong passwords per account and place):");
        using var site = new BenchmarkSite(new Dictionary<string, string>
        {
            ["Demo:Seed"] = "true", ["Demo:Proposals"] = "0", ["Demo:Testimonies"] = "false", ["Demo:YoungMembers"] = "400",
            ["Accounts:FreeWrongPasswords"] = shipped.FreeWrongPasswords.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Accounts:AttemptsPerMinutePerAddress"] = shipped.AttemptsPerMinutePerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(site.BaseUrl) };
        return await FanOutAsync(site, http, 40, 5);
    }

    private static void Ok((HttpStatusCode Status, string? Location, string Body) page, string name)
    {
        if (page.Status != HttpStatusCode.OK || !page.Body.Contains("thread-list", StringComparison.Ordinal) && !page.Body.Contains("reponses", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{name}: {page.Status} {page.Location}");
        }
    }

    /// <summary>Threads of four replies, and one long thread of 1,000, until the circle holds the given number of messages.</summary>
    private static async Task<(List<int> Threads, int LongThread)> FillCircleAsync(BenchmarkSite site, string slug, int total)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
        var circle = await db.PeerCircles.SingleAsync(c => c.Slug == slug);
        var year = DateTime.Now.Year;
        var authors = (await db.MembersInRole(Roles.Young).Where(u => u.BirthYear != null).Select(u => new { u.Id, u.BirthYear }).ToListAsync())
            .Where(u => AgeBands.ForBirthYear(u.BirthYear!.Value, year) == AgeBand.From18To25).Select(u => u.Id).ToList();
        var faker = new Faker("fr") { Random = new Randomizer(42) };
        var now = DateTimeOffset.UtcNow;
        var existing = await db.PeerPosts.CountAsync(p => p.CircleId == circle.Id);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var longThread = Post(null, now.AddDays(-400));
        db.PeerPosts.Add(longThread);
        await db.SaveChangesAsync();
        var remaining = total - existing - 1;
        for (var i = 0; i < 1_000 && remaining > 0; i++, remaining--)
        {
            db.PeerPosts.Add(Post(longThread.Id, longThread.CreatedAt.AddMinutes(i * 30)));
            longThread.Replies++;
        }
        longThread.LastActivityAt = longThread.CreatedAt.AddMinutes(1_000 * 30);
        db.Entry(longThread).State = EntityState.Modified;
        await db.SaveChangesAsync();

        var threads = new List<int>();
        while (remaining > 0)
        {
            var batch = new List<(PeerPost Thread, int Replies)>();
            for (var i = 0; i < 200 && remaining > 0; i++)
            {
                var replies = Math.Min(4, remaining - 1);
                var thread = Post(null, now.AddMinutes(-faker.Random.Double(10, 60 * 24 * 365)));
                thread.Replies = replies;
                thread.LastActivityAt = thread.CreatedAt.AddHours(replies * 3);
                db.PeerPosts.Add(thread);
                batch.Add((thread, replies));
                remaining -= 1 + replies;
            }
            await db.SaveChangesAsync();
            foreach (var (thread, replies) in batch)
            {
                threads.Add(thread.Id);
                for (var r = 0; r < replies; r++)
                {
                    db.PeerPosts.Add(Post(thread.Id, thread.CreatedAt.AddHours(r * 3 + 1)));
                }
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        return (threads, longThread.Id);

        PeerPost Post(int? thread, DateTimeOffset at) => new()
        {
            CircleId = circle.Id, ThreadId = thread, Title = thread is null ? faker.Lorem.Sentence(5).TrimEnd('.') : null,
            Text = faker.Lorem.Paragraph(4), AuthorId = faker.PickRandom(authors), Status = PostStatus.Published,
            CreatedAt = at, PublishedAt = at, LastActivityAt = at,
        };
    }

    /// <summary>
    /// N members of the 15–17 circle each keep a connection following it; the moderator publishes
    /// one waiting message at a time, and every member's arrival time is taken from the click.
    /// </summary>
    private static async Task<bool> FanOutAsync(BenchmarkSite site, HttpClient http, int count, int rounds)
    {
        int circleId;
        List<string> listeners;
        var waiting = new List<int>();
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
            var year = DateTime.Now.Year;
            circleId = await db.PeerCircles.Where(c => c.Slug == "15-17").Select(c => c.Id).SingleAsync();
            var teens = (await db.MembersInRole(Roles.Young).Where(u => u.BirthYear != null && u.ActivatedAt != null).Select(u => new { u.Id, u.Pseudonym, u.BirthYear }).ToListAsync())
                .Where(u => AgeBands.ForBirthYear(u.BirthYear!.Value, year) == AgeBand.From15To17).ToList();
            if (teens.Count < count)
            {
                throw new InvalidOperationException($"Only {teens.Count} activated members of 15–17 in the demo, {count} asked.");
            }
            listeners = teens.Take(count).Select(t => t.Pseudonym).ToList();
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < rounds; i++)
            {
                var post = new PeerPost
                {
                    CircleId = circleId, Title = $"Question n° {i + 1} pour le cercle", Text = "Comment vous faites pour garder un peu d'argent de côté chaque mois ?",
                    AuthorId = teens[^(i % 10 + 1)].Id, Status = PostStatus.Pending, Hold = HoldReason.ReadFirst, CreatedAt = now, LastActivityAt = now,
                };
                db.PeerPosts.Add(post);
                await db.SaveChangesAsync();
                waiting.Add(post.Id);
            }
        }

        Console.WriteLine();
        var clock = Stopwatch.StartNew();
        var sessions = new Browserless[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => sessions[i] = await SignInAsync(http, listeners[i]));
        Console.WriteLine($"{count} members of 15–17 signed in in {clock.Elapsed.TotalSeconds:0.0} s");

        var arrivals = new ConcurrentDictionary<int, ConcurrentBag<long>>();
        var connections = new HubConnection[count];
        clock.Restart();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var connection = new HubConnectionBuilder()
                .WithUrl($"{site.BaseUrl}{PeerHub.Path}", options =>
                {
                    options.Transports = HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                    options.Headers["Cookie"] = sessions[i].CookieHeader;
                })
                .Build();
            connection.ServerTimeout = TimeSpan.FromMinutes(2);
            connection.On<LivePost>(nameof(IPeerClient.PostPublished), post => arrivals.GetOrAdd(post.Id, _ => []).Add(Stopwatch.GetTimestamp()));
            await connection.StartAsync();
            if (!await connection.InvokeAsync<bool>(nameof(PeerHub.Follow), circleId))
            {
                throw new InvalidOperationException($"{listeners[i]} may not follow the 15–17 circle.");
            }
            connections[i] = connection;
        });
        Console.WriteLine($"{count} connections following « 15-17 » in {clock.Elapsed.TotalSeconds:0.0} s");

        var moderator = await SignInAsync(http, $"moderation@{DemoSeeder.Domain}");
        var latencies = new Latencies();
        var lost = 0;
        foreach (var postId in waiting)
        {
            var form = $"/pilotage/entraide/messages/{postId}";
            var token = Browserless.TokenIn((await moderator.GetAsync(form)).Body);
            var started = Stopwatch.GetTimestamp();
            var decided = await moderator.PostAsync($"{form}?handler=Approve", [new("Text", "Comment vous faites pour garder un peu d'argent de côté chaque mois ?"), new("Reason", ""), new("__RequestVerificationToken", token)]);
            if (decided.Status != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Publishing message {postId}: {decided.Status}");
            }
            // Everyone has it, or five seconds have passed.
            var deadline = Stopwatch.StartNew();
            while ((arrivals.TryGetValue(postId, out var got) ? got.Count : 0) < count && deadline.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(5);
            }
            var received = arrivals.TryGetValue(postId, out var times) ? times.ToList() : [];
            lost += count - received.Count;
            foreach (var at in received)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started, at));
            }
            await Task.Delay(200);
        }
        Console.WriteLine($"{rounds} messages published to {count} members: {latencies.Count:N0} arrivals, {lost} lost");
        Console.WriteLine($"click to screen: p50 {latencies.Percentile(50):0.0} ms, p95 {latencies.Percentile(95):0.0} ms, p99 {latencies.Percentile(99):0.0} ms, max {latencies.Max:0.0} ms (target p99 < 500 ms): {(latencies.Percentile(99) < 500 && lost == 0 ? "met" : "NOT met")}");
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        return latencies.Percentile(99) < 500 && lost == 0;
    }

    private static async Task<Browserless> SignInAsync(HttpClient http, string login)
    {
        var client = new Browserless(http);
        var signedIn = await client.PostFormAsync("/compte/connexion", [new("Login", login), new("Password", DemoSeeder.Password)]);
        if (signedIn.Status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{login} could not sign in: {signedIn.Status}");
        }
        return client;
    }
}
