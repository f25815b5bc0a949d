using System.Diagnostics;
using System.Text.Json;

namespace Participation.BrowserTests.Infrastructure;

public sealed record HtmlProblem(string Page, string Message, int Line, string Extract);

/// <summary>
/// The Nu Html Checker (npm's vnu-jar, run with Java) over pages exactly as the site served them.
/// All pages go in one run: starting Java costs more than checking a page.
/// </summary>
public static class HtmlChecker
{
    public static string JarPath => Path.Combine(LiveSite.RepoRoot, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    public static async Task<IReadOnlyList<HtmlProblem>> CheckAsync(IReadOnlyDictionary<string, string> pages)
    {
        if (!File.Exists(JarPath))
        {
            throw new InvalidOperationException($"Le Nu Html Checker est introuvable ({JarPath}). Lancez « npm ci » à la racine du dépôt (la compilation du site le fait).");
        }
        var folder = Path.Combine(Path.GetTempPath(), "participation-vnu-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var files = new Dictionary<string, string>();
            var i = 0;
            foreach (var (name, html) in pages)
            {
                var file = Path.Combine(folder, $"page{i++}.html");
                await File.WriteAllTextAsync(file, html);
                files[Path.GetFileName(file)] = name;
            }

            var start = new ProcessStartInfo("java")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-jar", JarPath, "--errors-only", "--format", "json", "--stdout" }.Concat(files.Keys.Select(f => Path.Combine(folder, f))))
            {
                start.ArgumentList.Add(argument);
            }
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException("Java est introuvable : installez-le avec « sudo apt-get install -y default-jre-headless ».");
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                await process.WaitForExitAsync(timeout.Token);
                var json = await output;
                if (string.IsNullOrWhiteSpace(json))
                {
                    throw new InvalidOperationException($"Le Nu Html Checker n'a rien renvoyé : {await error}");
                }
                using var document = JsonDocument.Parse(json);
                return document.RootElement.GetProperty("messages").EnumerateArray()
                    .Where(m => m.GetProperty("type").GetString() == "error")
                    .Select(m => new HtmlProblem(
                        files.GetValueOrDefault(m.TryGetProperty("url", out var url) ? Path.GetFileName(url.GetString()!) : "", "?"),
                        m.GetProperty("message").GetString()!,
                        m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0,
                        m.TryGetProperty("extract", out var extract) ? extract.GetString()! : ""))
                    .ToList();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
