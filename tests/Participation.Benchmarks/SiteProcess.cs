using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Participation.Web.Infrastructure;

namespace Participation.Benchmarks;

/// <summary>
/// The site in a process of its own on a free loopback port, so that its memory can be read
/// apart from the clients'; with a fresh database in a temporary folder.
/// </summary>
public sealed class SiteProcess : IDisposable
{
    private readonly Process _process;

    private SiteProcess(Process process, string baseUrl, string database)
    {
        _process = process;
        BaseUrl = baseUrl;
        DatabasePath = database;
    }

    public string BaseUrl { get; }
    public string DatabasePath { get; }
    public int ProcessId => _process.Id;

    public static async Task<SiteProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var root = SiteLayout.FindRoot(AppContext.BaseDirectory);
        var dll = Path.Combine(AppContext.BaseDirectory, "Participation.Web.dll");
        var port = FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "participation-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "participation.db");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ConnectionStrings__Participation"] = $"Data Source={database}";
        start.Environment["Media__Folder"] = Path.Combine(folder, "media");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in Participation.Testing.KeyCertificateFile.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Errors reach the benchmark's own error output, the rest is dropped.
        start.Environment["Logging__Console__LogToStandardErrorThreshold"] = "Error";
        start.Environment["Site__WebRoot"] = Path.Combine(root, "wwwroot");
        start.Environment["Site__Content"] = Path.Combine(root, "content");
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"site: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var site = new SiteProcess(process, $"http://127.0.0.1:{port}", database);
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync($"{site.BaseUrl}/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return site;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException("The site stopped while starting.");
            }
            await Task.Delay(200);
        }
        site.Dispose();
        throw new TimeoutException("The site did not answer /healthz within a minute.");
    }

    /// <summary>Kills the site at once (SIGKILL), as a crash would: nothing flushed, no connection closed properly.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Processor time used by the site so far; zero once it has stopped.</summary>
    public TimeSpan ProcessorTime()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>Resident memory of the site's process, in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            }
        }
        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
