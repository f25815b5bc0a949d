using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Bogus;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;

namespace Participation.Benchmarks;

/// <summary>
/// The safeguarding detector over generated posts: French lorem from Bogus (with street addresses
/// and names) mixed with sentences of the labelled corpus, each line cut to the same length. Scans
/// them in-process, one timing per line, then pipes the same file through the real risk-scan command.
/// Target: scanning adds at most 1 ms p99 to a post.
/// </summary>
public static class RiskScanBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Int("lines", 100_000);
        var length = options.Int("length", 500);
        var root = SiteLayout.FindRoot(AppContext.BaseDirectory);
        var detector = RiskDetector.Load(Path.Combine(root, "content"));
        detector.UsePlaces(["MECS Les Tilleuls", "Foyer La Passerelle"]);
        var lines = Generate(count, length, root);
        Console.WriteLine($"risk-scan: {lines.Count:N0} lines of {length} characters, {detector.Lists.Risks.Sum(f => f.Entries.Count) + detector.Lists.PersonalDetails.Sum(f => f.Entries.Count)} entries, {detector.Lists.Exceptions.Entries.Count} exceptions");

        foreach (var line in lines.Take(2_000))
        {
            detector.Scan(line);
        }

        var latencies = new Latencies();
        var cpu = new Latencies();
        var slowest = new List<(double Milliseconds, string Line)>();
        var flagged = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        foreach (var line in lines)
        {
            var start = Stopwatch.GetTimestamp();
            var startCpu = ThreadCpu.Now();
            var report = detector.Scan(line);
            cpu.Add(ThreadCpu.Now() - startCpu);
            var elapsed = Stopwatch.GetElapsedTime(start);
            latencies.Add(elapsed);
            if (elapsed.TotalMilliseconds > 5 && slowest.Count < 5)
            {
                slowest.Add((elapsed.TotalMilliseconds, line));
            }
            if (!report.IsClear)
            {
                flagged++;
            }
        }
        total.Stop();
        processor = Process.GetCurrentProcess().TotalProcessorTime - processor;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        foreach (var (milliseconds, line) in slowest)
        {
            Console.Error.WriteLine($"slow line ({milliseconds:N1} ms): {line}");
        }
        Console.WriteLine($"in process: {lines.Count / total.Elapsed.TotalSeconds:N0} lines/s; per line, wall clock p50 {latencies.Percentile(50):N3} ms, p99 {latencies.Percentile(99):N3} ms, max {latencies.Max:N3} ms; processor time of the scanning thread p50 {cpu.Percentile(50):N3} ms, p99 {cpu.Percentile(99):N3} ms, max {cpu.Max:N3} ms; {processor.TotalMilliseconds / lines.Count:N3} ms of processor per line for the whole process, {allocated / lines.Count / 1024.0:N1} KB allocated per line, {flagged:N0} lines flagged ({Environment.ProcessorCount} cores, load average {LoadAverage()})");

        var file = Path.Combine(Path.GetTempPath(), $"risk-scan-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(file, lines);
        try
        {
            var (startup, _) = await RunCommandAsync(root, file, onlyFirstLine: true);
            var (elapsed, written) = await RunCommandAsync(root, file, onlyFirstLine: false);
            Console.WriteLine($"command:    {written:N0} lines written for {lines.Count:N0} read, {elapsed.TotalSeconds:N1} s, {lines.Count / elapsed.TotalSeconds:N0} lines/s ({lines.Count / Math.Max(0.001, (elapsed - startup).TotalSeconds):N0} lines/s without the {startup.TotalMilliseconds:N0} ms start-up)");
            return written == lines.Count ? 0 : 1;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<string> Generate(int count, int length, string root)
    {
        var faker = new Faker("fr") { Random = new Randomizer(2024) };
        var corpus = File.ReadLines(Path.Combine(root, "tests", "Participation.Tests", "Safeguarding", "corpus.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l[(l.IndexOf('\t') + 1)..])
            .ToArray();
        var lines = new List<string>(count);
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Clear();
            while (text.Length < length)
            {
                var piece = faker.Random.Int(0, 9) switch
                {
                    < 5 => faker.Lorem.Sentence(faker.Random.Int(6, 14)),
                    5 => $"{faker.Name.FirstName()} habite {faker.Address.StreetAddress()}.",
                    _ => faker.PickRandom(corpus),
                };
                text.Append(piece).Append(' ');
            }
            lines.Add(text.ToString(0, length));
        }
        return lines;
    }

    // Other work on the machine shows in the tail latencies; the report says how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>Pipes the file into risk-scan in its own process and counts the lines it writes.</summary>
    private static async Task<(TimeSpan Elapsed, int Written)> RunCommandAsync(string root, string file, bool onlyFirstLine)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Participation.Web.dll"));
        start.ArgumentList.Add(RiskScan.Command);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var feeding = Task.Run(async () =>
        {
            await using (var input = process.StandardInput.BaseStream)
            {
                if (onlyFirstLine)
                {
                    await input.WriteAsync(Encoding.UTF8.GetBytes(File.ReadLines(file).First() + "\n"));
                }
                else
                {
                    await using var source = File.OpenRead(file);
                    await source.CopyToAsync(input);
                }
            }
        });
        var written = 0;
        while (await process.StandardOutput.ReadLineAsync() is not null)
        {
            written++;
        }
        await feeding;
        await process.WaitForExitAsync();
        clock.Stop();
        var messages = await errors;
        if (messages.Length > 0)
        {
            Console.Error.Write(messages);
        }
        return (clock.Elapsed, written);
    }
}

/// <summary>
/// Processor time of the calling thread (Linux): on a shared machine the wall clock of one line
/// includes the time other processes held the core; this is the detector's own cost.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ThreadCpuTimeClock = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static TimeSpan Now() =>
        OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuTimeClock, out var time) == 0
            ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100)
            : TimeSpan.Zero;
}
