using System.Diagnostics;
using System.Text;
using Participation.Tests.Infrastructure;
using Participation.Web.Safeguarding;

namespace Participation.Tests.Safeguarding;

/// <summary>risk-scan as a person runs it: the built site in a process of its own, texts on standard input.</summary>
public sealed class RiskScanCommandTests
{
    private sealed record Run(int ExitCode, string Output, string Errors)
    {
        public string[] Lines => Output.Length == 0 ? [] : Output.TrimEnd('\n').Split('\n');
    }

    private static async Task<Run> RiskScanAsync(byte[] input, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Participation.Web.dll"));
        start.ArgumentList.Add(RiskScan.Command);
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }
        start.Environment.Remove("Site__Content");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await using (var stdin = process.StandardInput.BaseStream)
        {
            await stdin.WriteAsync(input);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await output, await errors);
    }

    private static Task<Run> RiskScanAsync(string input, params string[] options) => RiskScanAsync(Encoding.UTF8.GetBytes(input), options);

    [Fact]
    public async Task Each_line_in_gives_exactly_one_line_out_and_nothing_else()
    {
        var run = await RiskScanAsync("je veux mourir\nil m'a encore frappé\n\nje suis mort de rire\nmon snap c'est lea_2010\r\nJe veux mourir, mon éducateur me frappe");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["suicide", "violence", "-", "-", "personal-details", "suicide,violence"], run.Lines);
        Assert.Equal("", run.Errors);
    }

    [Fact]
    public async Task Explanations_go_to_standard_error_only()
    {
        var run = await RiskScanAsync("il me tape\n", "--explain");
        Assert.Equal(["violence"], run.Lines);
        Assert.Contains("read as", run.Errors);
        Assert.Contains("violence.txt:", run.Errors);
    }

    [Fact]
    public async Task An_empty_input_is_told_on_standard_error_with_a_usage_status()
    {
        var run = await RiskScanAsync("");
        Assert.Equal(RiskScan.BadInput, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("nothing to read", run.Errors);
    }

    [Fact]
    public async Task Binary_input_still_gets_one_line_per_line_and_a_warning()
    {
        var input = new List<byte>();
        input.AddRange(Encoding.UTF8.GetBytes("je veux\0 mourir\n"));
        input.AddRange([0xFF, 0xFE, 0x00, 0x41, (byte)'\n']);
        input.AddRange(Encoding.UTF8.GetBytes("tout va bien\n"));
        var run = await RiskScanAsync([.. input]);
        Assert.Equal(RiskScan.BadInput, run.ExitCode);
        Assert.Equal(["suicide", "-", "-"], run.Lines);
        Assert.Contains("line 1: not UTF-8 text", run.Errors);
        Assert.Contains("line 2: not UTF-8 text", run.Errors);
        Assert.DoesNotContain("line 3", run.Errors);
    }

    [Fact]
    public async Task A_huge_line_is_scanned_up_to_the_limit_and_said_so()
    {
        var huge = "je veux mourir " + new string('a', 250_000) + " il me frappe";
        var run = await RiskScanAsync(huge + "\nça va\n");
        Assert.Equal(RiskScan.BadInput, run.ExitCode);
        Assert.Equal(["suicide", "-"], run.Lines);
        Assert.Contains("line 1: longer than 100,000 characters", run.Errors);
    }

    [Fact]
    public async Task Malformed_lists_stop_the_command_before_it_writes_anything()
    {
        var folder = Path.Combine(Path.GetTempPath(), "participation-scan-" + Guid.NewGuid().ToString("N"));
        var lists = Path.Combine(folder, SafeguardingLists.Folder);
        Directory.CreateDirectory(lists);
        try
        {
            foreach (var (name, text) in Lists.Files())
            {
                File.WriteAllText(Path.Combine(lists, name), name == "suicide.txt" ? text + "mourir\n" : text);
            }
            var run = await RiskScanAsync("je veux mourir\n", "--content", folder);
            Assert.Equal(RiskScan.Failure, run.ExitCode);
            Assert.Equal("", run.Output);
            Assert.Contains("safeguarding/suicide.txt, ligne", run.Errors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Only_the_risk_scan_argument_turns_the_site_into_the_command()
    {
        Assert.True(RiskScan.Handles(["risk-scan"]));
        Assert.False(RiskScan.Handles([]));
        Assert.False(RiskScan.Handles(["--urls", "http://127.0.0.1:5000"]));
    }
}
