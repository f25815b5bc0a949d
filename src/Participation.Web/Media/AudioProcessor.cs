using System.Globalization;
using FFMpegCore;
using FFMpegCore.Enums;
using Microsoft.Extensions.Options;

namespace Participation.Web.Media;

/// <summary>
/// Voice recordings go through Debian's <c>ffmpeg</c>: one audio track is kept, every tag and chapter
/// dropped, and the sound encoded as AAC in MP4, which every browser plays. A recording that cannot
/// be read to its end, or runs past the limit, is refused. The disguised voice moves the pitch and
/// the formants apart, so no single shift undoes it; a voice still carries words, accent and
/// rhythm, which is why consent never calls it anonymous.
/// </summary>
public sealed class AudioProcessor(IOptions<MediaOptions> options, MediaStore store, ILogger<AudioProcessor> logger)
{
    public const string ContentType = "audio/mp4";
    public const string Extension = ".m4a";

    /// <summary>
    /// Formants moved by one factor, the pitch brought partly back by another, both drawn anew for
    /// each recording and kept nowhere: no published setting undoes a disguised voice.
    /// </summary>
    private static (double Formants, double Pitch) DisguiseSettings()
    {
        double Between(double low, double high) => low + (high - low) * System.Security.Cryptography.RandomNumberGenerator.GetInt32(1_000_001) / 1_000_000d;
        return System.Security.Cryptography.RandomNumberGenerator.GetInt32(2) == 0
            ? (Between(1.12, 1.24), Between(0.74, 0.86))
            : (Between(0.82, 0.89), Between(1.12, 1.24));
    }

    private readonly MediaOptions _options = options.Value;
    private bool? _available;

    /// <summary>True when <c>ffmpeg</c> and <c>ffprobe</c> can be run; without them voice is refused with a word, never lost silently.</summary>
    public bool Available => _available ??= Probe();

    public const string Unavailable = "L'enregistrement de la voix ne peut pas être traité sur ce serveur pour le moment. Envoie le texte ou la photo, ou réessaie plus tard.";

    public async Task<MediaOutcome> ProcessAsync(string uploadPath, bool disguise, CancellationToken cancellation = default)
    {
        var length = new FileInfo(uploadPath).Length;
        if (length == 0)
        {
            return MediaOutcome.Refuse("L'enregistrement est vide : il ne contient rien. Enregistre à nouveau.");
        }
        if (length > _options.MaxVoiceBytes)
        {
            return MediaOutcome.Refuse($"L'enregistrement est trop lourd : {MediaOptions.Megabytes(length)} Mo, pour {MediaOptions.Megabytes(_options.MaxVoiceBytes)} Mo au plus.");
        }
        var type = await FileSniffer.SniffAsync(uploadPath, cancellation);
        if (!type.IsAudio())
        {
            return MediaOutcome.Refuse("Ce fichier n'est pas un enregistrement de voix : seuls les sons WebM, Ogg, MP4 et M4A sont acceptés.");
        }
        if (await FileSniffer.HidesArchiveAsync(uploadPath, cancellation))
        {
            return MediaOutcome.Refuse("Cet enregistrement cache un autre fichier (une archive) : il est refusé.");
        }
        if (!Available)
        {
            return MediaOutcome.Refuse(Unavailable);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(_options.ProcessingTimeout);
        // One pass reads the whole recording: converted as it is, or disguised on the way when consent asks for it.
        var output = store.WorkingPath(Extension);
        try
        {
            // Read past the limit by a little, so that a recording too long is seen as such, without ever decoding hours.
            var readAtMost = _options.MaxVoiceDuration + TimeSpan.FromSeconds(5);
            var (formants, pitch) = DisguiseSettings();
            var filter = disguise
                ? string.Create(CultureInfo.InvariantCulture,
                    // Rubber Band puts the tempo back itself: with atempo before it, a phone's recording
                    // could reach it after its final chunk and the whole answer was refused.
                    $"aresample=48000,asetrate={48000 * formants:0},aresample=48000,rubberband=tempo={1 / formants:0.#####}:pitch={pitch:0.####}:formant=preserved")
                : null;
            // A container that states its length is refused at once when too long, before anything is decoded.
            if (await DeclaredDurationAsync(uploadPath, Demuxer(type), timeout.Token) is { } declared && declared > _options.MaxVoiceDuration + TimeSpan.FromSeconds(0.5))
            {
                return MediaOutcome.Refuse($"L'enregistrement est trop long : {Minutes(_options.MaxVoiceDuration)} au plus. Dis l'essentiel, ou coupe en deux témoignages.");
            }
            var errors = await ConvertAsync(uploadPath, Demuxer(type), output, filter, readAtMost, timeout.Token);
            if (errors.Count > 0)
            {
                logger.LogInformation("A recording was refused: {Errors}", string.Join(" | ", errors));
                return MediaOutcome.Refuse("L'enregistrement est incomplet ou abîmé : il a sans doute été coupé pendant l'envoi. Enregistre à nouveau.");
            }
            var duration = await DurationAsync(output, timeout.Token);
            if (duration is null || duration < TimeSpan.FromSeconds(0.3))
            {
                return MediaOutcome.Refuse("L'enregistrement ne contient pas de son. Vérifie que le micro est autorisé et enregistre à nouveau.");
            }
            if (duration > _options.MaxVoiceDuration + TimeSpan.FromSeconds(0.5))
            {
                return MediaOutcome.Refuse($"L'enregistrement est trop long : {Minutes(_options.MaxVoiceDuration)} au plus. Dis l'essentiel, ou coupe en deux témoignages.");
            }
            var kept = output;
            output = null;
            return MediaOutcome.Accept(new ProcessedFile(kept, Extension, ContentType, new FileInfo(kept).Length) { Duration = duration });
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return MediaOutcome.Refuse("L'enregistrement a pris trop de temps à traiter. Réessaie dans un moment.");
        }
        finally
        {
            MediaStore.DeleteQuietly(output);
        }
    }

    /// <summary>Converts to AAC in MP4 without any tag; returns what ffmpeg said was wrong, nothing when all was read.</summary>
    private async Task<IReadOnlyList<string>> ConvertAsync(string input, string demuxer, string output, string? filter, TimeSpan readAtMost, CancellationToken cancellation)
    {
        var errors = new List<string>();
        var arguments = "-map 0:a:0 -vn -sn -dn -map_metadata -1 -map_chapters -1 "
            + string.Create(CultureInfo.InvariantCulture, $"-t {readAtMost.TotalSeconds:0} ")
            + (filter is null ? "" : $"-af \"{filter}\" ")
            + "-ac 1 -ar 48000 -c:a aac -b:a 64k -fflags +bitexact -flags:a +bitexact -movflags +faststart -f mp4";
        try
        {
            var result = await FFMpegArguments
                // The demuxer is the one the bytes named, never ffmpeg's own guess, and only the file
                // itself may be read: no playlist, no reference to another file or to the network.
                .FromFileInput(input, verifyExists: true, o => o.WithCustomArgument($"-protocol_whitelist file -codec_whitelist {Decoders} -f {demuxer}"))
                .OutputToFile(output, overwrite: true, o => o.WithCustomArgument(arguments))
                .WithLogLevel(FFMpegLogLevel.Error)
                .NotifyOnStandardError(line =>
                {
                    if (!string.IsNullOrWhiteSpace(line))
                    {
                        lock (errors)
                        {
                            errors.Add(line.Trim());
                        }
                    }
                })
                .CancellableThrough(cancellation)
                .ProcessAsynchronously(throwOnError: false, FfOptions());
            cancellation.ThrowIfCancellationRequested();
            if (!result.Success && errors.Count == 0)
            {
                errors.Add("ffmpeg failed without a message.");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            errors.Add(e.Message);
        }
        return errors;
    }

    /// <summary>
    /// The only decoders ffmpeg may open: what phones record (Opus, Vorbis, AAC). Any other codec
    /// inside an accepted container is refused before a decoder for it runs.
    /// </summary>
    private const string Decoders = "opus,vorbis,aac";

    private static string Demuxer(SniffedType type) => type switch
    {
        SniffedType.WebM => "matroska",
        SniffedType.Mp4 => "mov",
        SniffedType.Ogg => "ogg",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private async Task<TimeSpan?> DeclaredDurationAsync(string path, string demuxer, CancellationToken cancellation)
    {
        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, FfOptions(), $"-protocol_whitelist file -codec_whitelist {Decoders} -f {demuxer}", cancellation);
            return analysis.Duration > TimeSpan.Zero ? analysis.Duration : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private async Task<TimeSpan?> DurationAsync(string path, CancellationToken cancellation)
    {
        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, FfOptions(), cancellationToken: cancellation);
            return analysis.PrimaryAudioStream is null ? null : analysis.Duration;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogInformation(e, "A converted recording could not be read back.");
            return null;
        }
    }

    private FFOptions FfOptions() => new()
    {
        BinaryFolder = string.IsNullOrWhiteSpace(_options.FfmpegFolder) ? "" : _options.FfmpegFolder,
        TemporaryFilesFolder = store.WorkingFolder,
    };

    private bool Probe()
    {
        var folder = _options.FfmpegFolder;
        bool Found(string name) =>
            !string.IsNullOrWhiteSpace(folder)
                ? File.Exists(Path.Combine(folder, name))
                : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, name)));
        var found = Found("ffmpeg") && Found("ffprobe");
        if (!found)
        {
            logger.LogWarning("ffmpeg or ffprobe was not found: voice recordings will be refused. On Debian: apt-get install -y ffmpeg");
        }
        return found;
    }

    private static string Minutes(TimeSpan duration) =>
        duration.TotalMinutes >= 1 && duration.Seconds == 0
            ? $"{duration.TotalMinutes:0} minute{(duration.TotalMinutes >= 2 ? "s" : "")}"
            : $"{duration.TotalSeconds:0} secondes";

}
