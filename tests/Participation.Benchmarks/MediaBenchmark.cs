using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Participation.Web.Media;
using SkiaSharp;

namespace Participation.Benchmarks;

/// <summary>
/// N phones send a testimony at once, each with a photo of about 5 MB and a one-minute recording,
/// with the settings as shipped: each young member signs in once, then answers the demo campaign.
/// Prints the time until each answer is processed (the request returns once its files are made
/// safe and stored), the site's resident memory before and at its peak, and what was stored.
/// </summary>
public static class MediaBenchmark
{
    private const string Campaign = "ton-foyer-ideal";

    public static async Task<int> RunAsync(Options options)
    {
        var phones = options.Int("phones", 20);
        var seconds = options.Int("seconds", 60);
        Console.WriteLine($"Media benchmark: {phones} phones, each a ~5 MB photo and a {seconds}-second recording, {Environment.ProcessorCount} cores, shipped settings");

        var samples = Path.Combine(Path.GetTempPath(), "participation-bench-media", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(samples);
        try
        {
            var photo = Photo();
            var recording = Recording(samples, seconds);
            Console.WriteLine($"Photo: {photo.Length / 1024d / 1024d:0.0} MB JPEG with GPS; recording: {recording.Length / 1024d / 1024d:0.00} MB WebM/Opus");

            // Enough young members for one account per phone: the demo's size, not a limit, is what changes.
            using var site = await SiteProcess.StartAsync(new Dictionary<string, string>
            {
                ["Demo__Seed"] = "true", ["Demo__Proposals"] = "0", ["Demo__YoungMembers"] = Math.Max(60, phones * 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            var members = await YoungMembersAsync(site.DatabasePath, phones);
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = phones * 2 })
            {
                BaseAddress = new Uri(site.BaseUrl),
                Timeout = TimeSpan.FromMinutes(10),
            };

            // Every phone signs in and opens the collect page before the clock starts.
            var clients = new Browserless[phones];
            var tokens = new string[phones];
            for (var i = 0; i < phones; i++)
            {
                clients[i] = new Browserless(http);
                var signedIn = await clients[i].PostFormAsync("/compte/connexion", [new("Login", members[i]), new("Password", Web.Demo.DemoSeeder.Password)]);
                if (signedIn.Status != HttpStatusCode.Redirect)
                {
                    throw new InvalidOperationException($"{members[i]} could not sign in: {signedIn.Status}");
                }
                tokens[i] = Browserless.TokenIn((await clients[i].GetAsync($"/micro-trottoirs/{Campaign}/repondre")).Body);
            }

            var baseline = site.ResidentBytes();
            var peak = baseline;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, site.ResidentBytes());
                    await Task.Delay(20);
                }
            });

            var latencies = new Latencies();
            var statuses = new HttpStatusCode[phones];
            var processorBefore = site.ProcessorTime();
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, phones).Select(async i =>
            {
                using var content = new MultipartFormDataContent
                {
                    { new StringContent(tokens[i]), "__RequestVerificationToken" },
                    { new StringContent(Guid.NewGuid().ToString()), "ClientId" },
                    { new StringContent(Web.Testimonies.WithdrawalCodes.Generate()), "WithdrawalCode" },
                    { new StringContent(Web.Testimonies.ConsentText.CurrentVersion), "ConsentVersion" },
                    { new StringContent($"Réponse du téléphone {i + 1} : un foyer avec un jardin."), "Text" },
                    { new StringContent("true"), "TextPublic" },
                    { new StringContent(i % 2 == 0 ? "AsRecorded" : "Disguised"), "Voice" },
                    { new StringContent("true"), "PhotoPublic" },
                    { new StringContent("true"), "ConsentGiven" },
                };
                var image = new ByteArrayContent(photo);
                image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                content.Add(image, "PhotoFile", "photo.jpg");
                var voice = new ByteArrayContent(recording);
                voice.Headers.ContentType = new MediaTypeHeaderValue("audio/webm");
                content.Add(voice, "VoiceFile", "voix.webm");
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/micro-trottoirs/{Campaign}/repondre") { Content = content };
                request.Headers.Add("Cookie", clients[i].CookieHeader);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var elapsed = Stopwatch.GetElapsedTime(started);
                statuses[i] = response.StatusCode;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Console.Error.WriteLine($"phone {i + 1}: {(int)response.StatusCode} {body}");
                }
            }));
            var wall = watch.Elapsed;
            var processor = site.ProcessorTime() - processorBefore;
            await sampling.CancelAsync();
            await sampler;

            var (stored, files, working) = await StoredAsync(site.DatabasePath);
            Console.WriteLine($"Received: {statuses.Count(s => s == HttpStatusCode.OK)}/{phones}; stored testimonies with files: {stored}; files in the media folder: {files}; left in the working folder: {working}");
            Console.WriteLine($"Time until processed: p50 {latencies.Percentile(50) / 1000:0.0} s, p95 {latencies.Percentile(95) / 1000:0.0} s, max {latencies.Max / 1000:0.0} s; all {phones} in {wall.TotalSeconds:0.0} s");
            Console.WriteLine($"Site processor time: {processor.TotalSeconds:0.0} s ({processor.TotalSeconds / phones:0.00} s per answer)");
            Console.WriteLine($"Site resident memory: {baseline / 1024d / 1024d:0} MB before, {peak / 1024d / 1024d:0} MB at its peak (+{(peak - baseline) / 1024d / 1024d:0} MB); "
                + $"the {phones} uploads weigh {phones * (photo.Length + recording.Length) / 1024d / 1024d:0} MB together");
            return statuses.All(s => s == HttpStatusCode.OK) && stored == phones && working == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    /// <summary>A camera-sized photo whose noise keeps JPEG from shrinking it: about 5 MB, with a GPS block.</summary>
    private static byte[] Photo()
    {
        var random = new Random(5);
        using var bitmap = new SKBitmap(3264, 2448);
        var pixels = new byte[bitmap.ByteCount];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        for (var quality = 95; ; quality -= 3)
        {
            using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
            if (data.Size <= 5.2 * 1024 * 1024 || quality <= 20)
            {
                return ExifBlock.AddTo(data.ToArray(), 47.2184, -1.5536);
            }
        }
    }

    private static byte[] Recording(string folder, int seconds)
    {
        var path = Path.Combine(folder, "voix.webm");
        var start = new ProcessStartInfo("ffmpeg", $"-v error -nostdin -y -f lavfi -i \"aevalsrc=0.3*sin(2*PI*(180+30*sin(2*PI*0.7*t))*t):s=48000:d={seconds}\" -c:a libopus -b:a 64k \"{path}\"")
        {
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return File.ReadAllBytes(path);
    }

    private static async Task<IReadOnlyList<string>> YoungMembersAsync(string database, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        var year = DateTime.UtcNow.Year;
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT u.Pseudonym FROM AspNetUsers u
            JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId
            WHERE r.Name = 'Young' AND u.ActivatedAt IS NOT NULL AND u.BirthYear <= $latest AND u.BirthYear >= $earliest
            ORDER BY u.Pseudonym LIMIT $count
            """;
        command.Parameters.AddWithValue("$latest", year - 11);
        command.Parameters.AddWithValue("$earliest", year - 25);
        command.Parameters.AddWithValue("$count", count);
        var pseudonyms = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pseudonyms.Add(reader.GetString(0));
        }
        if (pseudonyms.Count < count)
        {
            throw new InvalidOperationException($"Only {pseudonyms.Count} young members of 11 to 25 can sign in.");
        }
        return pseudonyms;
    }

    private static async Task<(int Stored, int Files, int Working)> StoredAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT TestimonyId) FROM TestimonyMedia m JOIN Testimonies t ON t.Id = m.TestimonyId WHERE t.Text LIKE 'Réponse du téléphone%'";
        var stored = Convert.ToInt32(await command.ExecuteScalarAsync());
        var media = Path.Combine(Path.GetDirectoryName(database)!, "media");
        var files = Directory.GetFiles(media).Length;
        var working = Directory.GetFiles(Path.Combine(media, ".en-cours")).Length;
        return (stored, files, working);
    }
}
