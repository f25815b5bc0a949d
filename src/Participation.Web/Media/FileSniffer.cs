using System.Buffers.Binary;

namespace Participation.Web.Media;

/// <summary>What a file really is, read from its first bytes: its name and the type the phone claimed are never trusted.</summary>
public enum SniffedType
{
    Unknown,
    Empty,
    Jpeg,
    Png,
    WebP,
    /// <summary>Matroska or WebM: what Chrome and Firefox record.</summary>
    WebM,
    /// <summary>An ISO media file (MP4, M4A): what Safari records.</summary>
    Mp4,
    Ogg,
}

public static class FileSniffer
{
    /// <summary>Bytes enough to tell every accepted type.</summary>
    public const int HeadLength = 16;

    public static SniffedType Sniff(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return SniffedType.Empty;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return SniffedType.Jpeg;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return SniffedType.Png;
        }
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return SniffedType.WebP;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return SniffedType.WebM;
        }
        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return SniffedType.Mp4;
        }
        if (head.StartsWith("OggS"u8))
        {
            return SniffedType.Ogg;
        }
        return SniffedType.Unknown;
    }

    public static bool IsImage(this SniffedType type) => type is SniffedType.Jpeg or SniffedType.Png or SniffedType.WebP;

    public static bool IsAudio(this SniffedType type) => type is SniffedType.WebM or SniffedType.Mp4 or SniffedType.Ogg;

    public static async Task<SniffedType> SniffAsync(string path, CancellationToken cancellation = default)
    {
        var head = new byte[HeadLength];
        await using var file = File.OpenRead(path);
        var read = await file.ReadAtLeastAsync(head, HeadLength, throwOnEndOfStream: false, cancellation);
        return Sniff(head.AsSpan(0, read));
    }

    /// <summary>
    /// True when a ZIP archive hides at the end of the file, the way a JPEG+ZIP polyglot is made: a ZIP
    /// reader looks for its end record in the last 64 KiB, and that record points at a central
    /// directory. Both must be there, so compressed image data never passes for one by chance.
    /// </summary>
    public static async Task<bool> HidesArchiveAsync(string path, CancellationToken cancellation = default)
    {
        await using var file = File.OpenRead(path);
        const int endRecord = 22;
        var tailLength = (int)Math.Min(file.Length, ushort.MaxValue + endRecord);
        if (tailLength < endRecord)
        {
            return false;
        }
        var tail = new byte[tailLength];
        file.Seek(-tailLength, SeekOrigin.End);
        await file.ReadExactlyAsync(tail, cancellation);
        var start = file.Length - tailLength;
        for (var i = tailLength - endRecord; i >= 0; i--)
        {
            if (tail[i] != 0x50 || tail[i + 1] != 0x4B || tail[i + 2] != 0x05 || tail[i + 3] != 0x06)
            {
                continue;
            }
            var directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 16, 4));
            // The central directory sits before the end record; in a polyglot its offset counts from the archive's own start.
            var directorySize = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 12, 4));
            var recordAt = start + i;
            foreach (var candidate in new long[] { directoryOffset, recordAt - directorySize })
            {
                if (candidate >= 0 && candidate + 4 <= recordAt && await StartsWithAsync(file, candidate, [0x50, 0x4B, 0x01, 0x02], cancellation))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static async Task<bool> StartsWithAsync(FileStream file, long at, byte[] signature, CancellationToken cancellation)
    {
        var bytes = new byte[signature.Length];
        file.Seek(at, SeekOrigin.Begin);
        var read = await file.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellation);
        return read == bytes.Length && bytes.AsSpan().SequenceEqual(signature);
    }
}
