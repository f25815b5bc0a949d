namespace Participation.Web.Media;

/// <summary>A file made safe, waiting in the working folder to be kept or thrown away.</summary>
public sealed record ProcessedFile(string WorkingPath, string Extension, string ContentType, long Length)
{
    public int? Width { get; init; }
    public int? Height { get; init; }
    public TimeSpan? Duration { get; init; }
}

/// <summary>What processing gave: the files, or the French reason nothing was kept.</summary>
public sealed record MediaOutcome(IReadOnlyList<ProcessedFile> Files, string? Error)
{
    public bool Refused => Error is not null;

    public static MediaOutcome Refuse(string error) => new([], error);

    public static MediaOutcome Accept(params ProcessedFile[] files) => new(files, null);
}
