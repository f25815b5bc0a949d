namespace Participation.Web.Media;

/// <summary>Where media files live and how big they may be. The limits are those a phone meets in the field.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>The folder of stored files, outside the web root; relative paths are taken from the repository root.</summary>
    public string Folder { get; set; } = "data/media";

    public long MaxVoiceBytes { get; set; } = 10 * 1024 * 1024;
    public TimeSpan MaxVoiceDuration { get; set; } = TimeSpan.FromMinutes(3);
    public long MaxPhotoBytes { get; set; } = 8 * 1024 * 1024;
    public long MaxPhotoPixels { get; set; } = 24_000_000;

    /// <summary>The longest side of a stored photo: enough for a wall and a projector, far less than a camera gives.</summary>
    public int PhotoLongEdge { get; set; } = 2048;

    /// <summary>Where <c>ffmpeg</c> and <c>ffprobe</c> are; empty looks them up on the PATH.</summary>
    public string? FfmpegFolder { get; set; }

    /// <summary>How many files are decoded or converted at once, whatever the number of uploads: memory stays bounded.</summary>
    public int ConcurrentProcessing { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>How long one conversion may take before it is given up.</summary>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A size in megabytes as the French messages say it: « 7,5 ».</summary>
    public static string Megabytes(long bytes) => (bytes / (1024d * 1024d)).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
}
