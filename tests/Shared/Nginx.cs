using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Participation.Testing;

/// <summary>
/// Debian's nginx in front of instances of the site, run from the production example itself,
/// tests/Deployment/participation.conf, with the instances' ports and a certificate of its own put
/// in place of the example's. The main configuration around it keeps everything nginx writes (its
/// pid, logs and buffers) in a folder of its own, deleted on <see cref="Dispose"/>, so that it runs
/// as root or as anyone. Without nginx it fails and says how to install it.
/// </summary>
public sealed partial class Nginx : IDisposable
{
    public const string Install = "apt-get install -y nginx-light";

    /// <summary>The production example, from the repository's root.</summary>
    public static string Example(string root) => Path.Combine(root, "tests", "Deployment", "participation.conf");

    private readonly Process _process;
    private readonly TemporaryFolder _folder;
    private readonly string _certificateHash;

    private Nginx(Process process, TemporaryFolder folder, Uri address, string certificateHash)
    {
        _process = process;
        _folder = folder;
        Address = address;
        _certificateHash = certificateHash;
    }

    /// <summary>Where clients reach the site: https on a free loopback port.</summary>
    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>For clients: nginx's certificate, made for this run, is the only one trusted.</summary>
    public bool Trusts(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == _certificateHash;

    /// <summary>What nginx logged: the instances it found down, and why it would not start.</summary>
    public string ErrorLog => File.Exists(_folder.File("error.log")) ? File.ReadAllText(_folder.File("error.log")) : "";

    public static string Executable { get; } =
        new[] { "/usr/sbin/nginx" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(folder => Path.Combine(folder, "nginx")))
            .FirstOrDefault(File.Exists) ?? "";

    /// <summary>
    /// Starts nginx in front of <paramref name="instances"/> (« http://127.0.0.1:5123 »), with
    /// <paramref name="workers"/> worker processes of <paramref name="connections"/> connections each
    /// (a phone holds two: its own and nginx's to an instance).
    /// </summary>
    public static async Task<Nginx> StartAsync(string root, IReadOnlyList<Uri> instances, int workers = 1, int connections = 1024)
    {
        if (Executable.Length == 0)
        {
            throw new InvalidOperationException($"nginx is not installed: install it with « {Install} » (tests/run.sh does so), then run again.");
        }
        var folder = new TemporaryFolder("participation-nginx");
        try
        {
            var port = FreePort();
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
            await File.WriteAllTextAsync(folder.File("cert.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(folder.File("key.pem"), key.ExportPkcs8PrivateKeyPem());

            await File.WriteAllTextAsync(folder.File("participation.conf"), ForThisRun(await File.ReadAllTextAsync(Example(root)), instances, port, FreePort(), folder));
            await File.WriteAllTextAsync(folder.File("nginx.conf"), $$"""
                daemon off;
                worker_processes {{workers}};
                worker_rlimit_nofile {{2 * connections + 64}};
                pid {{folder.File("nginx.pid")}};
                error_log {{folder.File("error.log")}} warn;
                events {
                    worker_connections {{connections}};
                }
                http {
                    access_log off;
                    client_body_temp_path {{folder.File("client_body")}};
                    proxy_temp_path {{folder.File("proxy")}};
                    fastcgi_temp_path {{folder.File("fastcgi")}};
                    uwsgi_temp_path {{folder.File("uwsgi")}};
                    scgi_temp_path {{folder.File("scgi")}};
                    include {{folder.File("participation.conf")}};
                }
                """);

            var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in Arguments(folder))
            {
                start.ArgumentList.Add(argument);
            }
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var nginx = new Nginx(process, folder, new Uri($"https://127.0.0.1:{port}"), certificate.GetCertHashString(HashAlgorithmName.SHA256));
            for (var i = 0; i < 200; i++)
            {
                if (process.HasExited)
                {
                    var log = nginx.ErrorLog;
                    nginx.Dispose();
                    throw new InvalidOperationException($"nginx stopped as it started: {log}");
                }
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    return nginx;
                }
                catch (SocketException)
                {
                    await Task.Delay(50);
                }
            }
            nginx.Dispose();
            throw new TimeoutException("nginx did not listen within ten seconds.");
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The example with this run's values in place of the production ones. Each of them must be
    /// found exactly where the example has it, so that the file tested stays the file shown.
    /// </summary>
    private static string ForThisRun(string example, IReadOnlyList<Uri> instances, int port, int plainPort, TemporaryFolder folder)
    {
        // Each upstream block names the same instances in the same order.
        var servers = example.Split('\n').Select(line => (line, match: UpstreamServer().Match(line))).Where(server => server.match.Success).ToList();
        var addresses = servers.Select(server => server.match.Groups["address"].Value).Distinct().ToList();
        if (addresses.Count != instances.Count)
        {
            throw new InvalidOperationException($"tests/Deployment/participation.conf names {addresses.Count} instances; this run has {instances.Count}.");
        }
        var replacements = servers.Select(server =>
        {
            var address = server.match.Groups["address"];
            var instance = instances[addresses.IndexOf(address.Value)];
            return (server.line, string.Concat(server.line.AsSpan(0, address.Index), $"{instance.Host}:{instance.Port}", server.line.AsSpan(address.Index + address.Length)));
        }).ToList();
        replacements.AddRange(
        [
            ("listen 80;", $"listen 127.0.0.1:{plainPort};"),
            ("listen [::]:80;", ""),
            ("listen 443 ssl;", $"listen 127.0.0.1:{port} ssl;"),
            ("listen [::]:443 ssl;", ""),
            ("/etc/letsencrypt/live/participation.bellerive.fr/fullchain.pem", folder.File("cert.pem")),
            ("/etc/letsencrypt/live/participation.bellerive.fr/privkey.pem", folder.File("key.pem")),
        ]);
        foreach (var (production, here) in replacements)
        {
            var at = example.IndexOf(production, StringComparison.Ordinal);
            if (at < 0 || example.IndexOf(production, at + 1, StringComparison.Ordinal) >= 0)
            {
                throw new InvalidOperationException($"tests/Deployment/participation.conf should have « {production} » once: update {nameof(Nginx)}.cs with it.");
            }
            example = example.Replace(production, here, StringComparison.Ordinal);
        }
        return example;
    }

    /// <summary>An upstream's « server 127.0.0.1:5001 max_fails=… ; » line, however it is spaced.</summary>
    [GeneratedRegex(@"^\s*server\s+(?<address>127\.0\.0\.1:\d+)[\s;]")]
    private static partial Regex UpstreamServer();

    private static IEnumerable<string> Arguments(TemporaryFolder folder) =>
        ["-p", folder.Path, "-c", folder.File("nginx.conf"), "-e", folder.File("error.log")];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Asks nginx to stop (its workers with it), and kills what is left after ten seconds.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            var stop = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardError = true };
            foreach (var argument in Arguments(_folder).Append("-s").Append("stop"))
            {
                stop.ArgumentList.Add(argument);
            }
            using (var signal = Process.Start(stop)!)
            {
                signal.WaitForExit(10_000);
            }
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        _process.Dispose();
        _folder.Dispose();
    }
}
