namespace Participation.Benchmarks;

/// <summary>
/// Benchmarks run the real site on loopback and measure it from outside; they are run by hand
/// and reported, never part of the test suite.
/// </summary>
public static class Benchmarks
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "proposals" => await ProposalsBenchmark.RunAsync(Options.Parse(args.Skip(1))),
        "council" => await CouncilBenchmark.RunAsync(Options.Parse(args.Skip(1))),
        "council-room" => await CouncilBenchmark.RunRoomAsync(Options.Parse(args.Skip(1))),
        "questionnaire" => await QuestionnaireBenchmark.RunAsync(Options.Parse(args.Skip(1))),
        "risk-scan" => await RiskScanBenchmark.RunAsync(Options.Parse(args.Skip(1))),
        "media" => await MediaBenchmark.RunAsync(Options.Parse(args.Skip(1))),
        "peers" => await PeersBenchmark.RunAsync(Options.Parse(args.Skip(1))),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("""
            Usage: dotnet run -c Release --project tests/Participation.Benchmarks -- <benchmark> [options]

              proposals [--count 100000] [--requests 300] [--postgres "Host=127.0.0.1;Port=5432;Username=postgres" [--database NAME]]
                  Generates proposals with Bogus into a fresh database, then measures /propositions
                  (filters and full-text search) and /schema: p50, p95, p99 per scenario. With
                  --postgres, the database is a new one on that PostgreSQL server, dropped at the end;
                  with --database too, that database is kept, and filled only up to --count.

              council [--participants 5000] [--seconds 10] [--instances 1] [--kill-at-mid] [--phones wire|hubconnection]
                  Starts the site in its own process, connects N guests to one live session over
                  WebSockets, has each vote once within the window, and prints connections held,
                  votes acknowledged and stored, lost, ack and tally latencies, memory per connection.
                  The join ceiling and guest places per address are raised: every guest comes from loopback.
                  --instances 2 starts two site processes on a PostgreSQL cluster and a Redis server
                  of its own (temporary, on free loopback ports; initdb runs as the postgres user when
                  run as root; every commit flushed to disk) behind nginx, run over https from
                  tests/Deployment/participation.conf: the guests join and vote through nginx, and it
                  also prints whether the projector's last tally equals the database's count, and each
                  instance's memory per connection. Needs PostgreSQL, Redis and nginx installed
                  (apt-get install -y postgresql redis-server nginx-light).
                  --kill-at-mid kills the last instance (SIGKILL) halfway through the vote window: its
                  phones reconnect through nginx as the page does and send again any vote not yet
                  acknowledged; it prints lost (acknowledged votes missing from the database), the
                  votes sent again, and the time until every phone is back in the room.
                  --phones wire (the default) runs each phone as the hub's JSON protocol, written and
                  read by the SignalR library's own JsonHubProtocol, on a bare WebSocket with one
                  receive loop, so that the phones take little of the cores they share with the site;
                  --phones hubconnection runs each as a .NET HubConnection instead.

              council-room [--guests 40]
                  Starts the site in its own process with its shipped settings, limits included, opens
                  a poll, then has N guests from one address join by /rejoindre at once, each connecting
                  its WebSocket and voting as soon as it is in; prints how long the last one took to get
                  in and to have its vote acknowledged, votes acknowledged and stored, lost, refusals.

              questionnaire [--parents 1000] [--concurrency 64]
                  Starts the site in its own process, learns the demo questionnaire by walking its
                  screens, then has N parents fetch the form and send all their answers in one request,
                  at most --concurrency at a time, and prints sent and stored, lost, submissions per
                  second, send and form latencies, and processor time per submission.

              risk-scan [--lines 100000] [--length 500]
                  Generates posts (Bogus French lorem mixed with sentences of the safeguarding corpus),
                  scans each with the detector in-process and prints lines per second and p50/p99 per
                  line, then pipes the same file through the real risk-scan command and prints lines/s.

              media [--phones 20] [--seconds 60]
                  Starts the site in its own process with its shipped settings; N young members sign
                  in, then send a testimony at once, each with a ~5 MB photo carrying GPS and a
                  recording of the given length; prints the time until each is processed (p50, p95,
                  max), the site's resident memory before and at its peak, and what was stored.

              peers [--posts 10000] [--requests 300] [--members 500] [--rounds 20]
                  Fills the 18–25 circle with N messages (threads of four replies and one thread of
                  1,000), then measures its pages and threads: p50, p95, p99. Then M members of the
                  15–17 circle follow it live while a moderator publishes waiting messages one by one;
                  prints the time from the moderator's click to each member's screen and any lost.
                  Sign-in limits are raised so that M members can sign in from one address.
            """);
        return 2;
    }
}
