using System.Diagnostics;
using System.IO.Compression;
using Participation.Web.Media;
using SkiaSharp;

namespace Participation.Tests.Media;

/// <summary>Files as phones and attackers send them, made on the spot.</summary>
public static class MediaSamples
{
    /// <summary>A landscape photo with stripes, so that orientation and blur can be seen in its pixels.</summary>
    public static byte[] Photo(SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg, int width = 400, int height = 200)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SkyBlue);
            using var paint = new SKPaint { Color = SKColors.DarkRed };
            // A red block in the top-left corner: where it ends up tells how the photo was turned.
            canvas.DrawRect(0, 0, width / 4f, height / 4f, paint);
            using var stripes = new SKPaint { Color = SKColors.Black };
            for (var x = width / 2; x < width; x += 8)
            {
                canvas.DrawRect(x, height / 2f, 4, height / 2f, stripes);
            }
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    public static byte[] PhotoWithGps(ushort orientation = 1) => ExifBlock.AddTo(Photo(), 47.2184, -1.5536, orientation);

    /// <summary>A JPEG that is also a ZIP archive: a reader of either format opens it.</summary>
    public static byte[] JpegZipPolyglot()
    {
        using var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("lisez-moi.txt").Open();
            entry.Write("contenu caché"u8);
        }
        return [.. Photo(), .. archive.ToArray()];
    }

    /// <summary>A real program, renamed: the start of the dotnet host.</summary>
    public static byte[] Executable()
    {
        var host = Environment.ProcessPath is { } path && File.Exists(path) ? path : "/bin/ls";
        var bytes = File.ReadAllBytes(host);
        return bytes.Length > 200_000 ? bytes[..200_000] : bytes;
    }

    /// <summary>
    /// A PNG that says it is 50,000 × 50,000: a few hundred kilobytes on disk, ten gigabytes once
    /// decoded. One bit per pixel of zeros compresses that far.
    /// </summary>
    public static byte[] DecompressionBomb(int side = 50_000)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, side);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), side);
        header[8] = 1; // bit depth
        header[9] = 0; // greyscale
        Chunk(png, "IHDR", header);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (side + 7) / 8];
            for (var y = 0; y < side; y++)
            {
                zlib.Write(row);
            }
        }
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        var crc = Crc32([.. typeBytes, .. data]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(length, crc);
        png.Write(length);
    }

    /// <summary>The CRC that closes each PNG chunk (the zlib polynomial, reflected).</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }

    /// <summary>A recording made by ffmpeg as a phone's browser would: a tone, with tags that must not survive.</summary>
    public static string Recording(string folder, string extension, TimeSpan duration)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + extension);
        var codec = extension == ".webm" || extension == ".ogg" ? "libopus" : "aac";
        Ffmpeg($"-f lavfi -i sine=f=220:d={duration.TotalSeconds:0} -metadata title=Prénom-Nom -metadata location=+47.2184-001.5536/ -c:a {codec} \"{path}\"");
        return path;
    }

    public static void Ffmpeg(string arguments)
    {
        var start = new ProcessStartInfo("ffmpeg", "-v error -nostdin -y " + arguments) { RedirectStandardError = true, UseShellExecute = false };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("ffmpeg is missing: install it with « apt-get install -y ffmpeg » (tests/run.sh does it).");
        }
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ffmpeg failed: " + errors);
        }
    }

    /// <summary>What ffprobe says of a file's tags and streams, as text to search.</summary>
    public static string Probe(string path)
    {
        var start = new ProcessStartInfo("ffprobe", $"-v error -show_format -show_streams \"{path}\"") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
