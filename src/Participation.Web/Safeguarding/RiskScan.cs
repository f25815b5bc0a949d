using System.Text;
using System.Text.Unicode;
using Participation.Web.Content;
using Participation.Web.Infrastructure;

namespace Participation.Web.Safeguarding;

/// <summary>
/// <c>risk-scan</c>: reads texts on standard input, one per line, and writes for each one line on
/// standard output, the categories found (« suicide,violence », « personal-details ») or « - ».
/// Standard output carries nothing else; every message goes to standard error. No web server,
/// no database: only the lists of content/safeguarding.
/// </summary>
public static class RiskScan
{
    public const string Command = "risk-scan";

    /// <summary>Every line scanned.</summary>
    public const int Success = 0;

    /// <summary>The lists could not be read (nothing written), or the detector failed on a line (written « error »).</summary>
    public const int Failure = 1;

    /// <summary>
    /// The input was not what risk-scan reads: nothing at all, bytes that are not UTF-8 text (NUL
    /// bytes, invalid sequences: scanned with them replaced), or a line over <see cref="RiskDetector.MaxLength"/>
    /// characters (only its beginning scanned). Every line still has its output line.
    /// </summary>
    public const int BadInput = 2;

    private const int MaxWarnings = 20;

    // Enough bytes for MaxLength characters however they are encoded; the rest of a line is skipped.
    private const int MaxLineBytes = RiskDetector.MaxLength * 4;

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == Command;

    public static Task<int> RunAsync(string[] args)
    {
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        return Task.FromResult(Run(args, input, output, Console.Error, Environment.GetEnvironmentVariable("Site__Content")));
    }

    public static int Run(string[] args, Stream input, Stream output, TextWriter error, string? contentFolder = null)
    {
        var options = args.Skip(1).ToList();
        if (options.Contains("--help") || options.Contains("-h"))
        {
            error.WriteLine(Usage);
            return Success;
        }
        var explain = false;
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i] == "--explain")
            {
                explain = true;
            }
            else if (options[i] == "--content" && i + 1 < options.Count)
            {
                contentFolder = options[++i];
            }
            else
            {
                error.WriteLine($"risk-scan: unknown option « {options[i]} ».");
                error.WriteLine(Usage);
                return BadInput;
            }
        }

        RiskDetector detector;
        try
        {
            var root = SiteLayout.FindRoot(Directory.GetCurrentDirectory());
            var content = string.IsNullOrEmpty(contentFolder) ? Path.Combine(root, "content") : Path.GetFullPath(Path.IsPathRooted(contentFolder) ? contentFolder : Path.Combine(root, contentFolder));
            detector = RiskDetector.Load(content);
        }
        catch (ContentException e)
        {
            error.WriteLine("risk-scan: the safeguarding lists cannot be read.");
            error.WriteLine(e.Message);
            return Failure;
        }

        var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024) { NewLine = "\n", AutoFlush = false };
        var reader = new LineReader(input, MaxLineBytes, writer.Flush);
        var status = Success;
        var lines = 0;
        var warnings = 0;
        void Warn(string message)
        {
            if (++warnings <= MaxWarnings)
            {
                error.WriteLine($"risk-scan: {message}");
            }
        }

        while (reader.Next(out var bytes, out var skipped))
        {
            lines++;
            if (lines == 1 && bytes.StartsWith("\uFEFF"u8))
            {
                bytes = bytes[3..];
            }
            var text = Encoding.UTF8.GetString(bytes);
            if (bytes.IndexOf((byte)0) >= 0 || !Utf8.IsValid(bytes))
            {
                Warn($"line {lines}: not UTF-8 text (NUL bytes or invalid sequences); scanned with the unreadable bytes replaced.");
                text = text.Replace('\0', ' ');
                status = Math.Max(status, BadInput);
            }
            var report = detector.Scan(text);
            if (skipped > 0 || report.Truncated)
            {
                Warn($"line {lines}: longer than {RiskDetector.MaxLength:N0} characters; only its first {RiskDetector.MaxLength:N0} characters were scanned.");
                status = Math.Max(status, BadInput);
            }
            if (report.Failed)
            {
                Warn($"line {lines}: the detector failed ({report.Failure}); hold this text for a person.");
                status = status == Success ? Failure : status;
            }
            writer.WriteLine(report.Summary);
            if (explain)
            {
                Explain(error, detector, lines, text, report);
            }
        }
        writer.Flush();

        if (warnings > MaxWarnings)
        {
            error.WriteLine($"risk-scan: {warnings - MaxWarnings} more warnings not shown.");
        }
        if (lines == 0)
        {
            error.WriteLine("risk-scan: nothing to read. Give texts on standard input, one per line, e.g. « echo 'je veux mourir' | … risk-scan ».");
            return BadInput;
        }
        return status;
    }

    private static void Explain(TextWriter error, RiskDetector detector, int line, string text, RiskReport report)
    {
        error.WriteLine($"line {line}: read as « {detector.ReadAs(text)} »");
        foreach (var risk in report.Risks)
        {
            error.WriteLine($"line {line}: {RiskNames.Of(risk.Category)} « {risk.Excerpt} » by {risk.Entry.Id} ({risk.Entry.Comment})");
        }
        foreach (var detail in report.PersonalDetails)
        {
            error.WriteLine($"line {line}: {RiskNames.PersonalDetails} « {detail.Excerpt} » by {detail.Entry.Id} ({detail.Entry.Comment})");
        }
    }

    private const string Usage = """
        Usage: dotnet run -c Release --project src/Participation.Web -- risk-scan [--explain] [--content <folder>] < texts.txt

        Reads texts on standard input, one per line (UTF-8), and writes one line for each on standard
        output: the categories found, comma-separated (suicide, violence, danger, bullying,
        personal-details), « - » when none, or « error » when the detector failed (hold that text).
        The lists are read from content/safeguarding (or <folder>/safeguarding, or Site__Content).
        --explain tells on standard error how each text was read and which entry caught what.
        Exit status: 0 every line scanned; 1 lists unreadable or a detector error; 2 empty input, a
        line that is not UTF-8 text, or a line over 100,000 characters (its beginning scanned).
        """;

    /// <summary>
    /// Splits a byte stream on « \n » (dropping a « \r » before it) without ever holding more than
    /// the cap of one line; flushes the output before it waits for more input, so that lines typed
    /// by hand get their answer at once and piped files are written in large blocks.
    /// </summary>
    private sealed class LineReader(Stream input, int cap, Action beforeWaiting)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private byte[] _line = new byte[4096];
        private int _start;
        private int _end;
        private bool _ended;

        public bool Next(out ReadOnlySpan<byte> line, out long skipped)
        {
            var length = 0;
            skipped = 0;
            var any = false;
            while (true)
            {
                if (_start == _end)
                {
                    if (_ended)
                    {
                        break;
                    }
                    beforeWaiting();
                    _start = 0;
                    _end = input.Read(_buffer, 0, _buffer.Length);
                    if (_end <= 0)
                    {
                        _end = 0;
                        _ended = true;
                        break;
                    }
                }
                any = true;
                var chunk = _buffer.AsSpan(_start, _end - _start);
                var newline = chunk.IndexOf((byte)'\n');
                var piece = newline < 0 ? chunk : chunk[..newline];
                var room = Math.Min(piece.Length, cap - length);
                if (room > 0)
                {
                    if (length + room > _line.Length)
                    {
                        Array.Resize(ref _line, Math.Min(cap, Math.Max(_line.Length * 2, length + room)));
                    }
                    piece[..room].CopyTo(_line.AsSpan(length));
                    length += room;
                }
                skipped += piece.Length - room;
                if (newline >= 0)
                {
                    _start += newline + 1;
                    line = Trim(length, skipped);
                    return true;
                }
                _start = _end;
            }
            line = Trim(length, skipped);
            return any && (length > 0 || skipped > 0);
        }

        private ReadOnlySpan<byte> Trim(int length, long skipped) =>
            _line.AsSpan(0, length > 0 && _line[length - 1] == (byte)'\r' && skipped == 0 ? length - 1 : length);
    }
}
