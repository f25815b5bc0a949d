using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Participation.Web.Media;

/// <summary>An area of a photo to blur, in fractions of its width and height, so it does not depend on the size shown.</summary>
public readonly record struct BlurArea(double X, double Y, double Width, double Height)
{
    public bool IsValid =>
        double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Width) && double.IsFinite(Height)
        && Width > 0 && Height > 0 && X < 1 && Y < 1 && X + Width > 0 && Y + Height > 0;
}

/// <summary>
/// Photos are never stored as sent. Each is decoded, turned upright from its EXIF orientation,
/// reduced, and encoded anew as a JPEG: no EXIF, no GPS, no camera serial, no thumbnail and nothing
/// appended survives, because nothing of the original file but its pixels is read.
/// </summary>
public sealed class PhotoProcessor(IOptions<MediaOptions> options, MediaStore store, MediaGate gate)
{
    public const string ContentType = "image/jpeg";
    public const string Extension = ".jpg";
    private const int Quality = 85;

    private readonly MediaOptions _options = options.Value;

    /// <summary>
    /// Reads an uploaded file in the working folder; the caller deletes it afterwards, and holds a
    /// <see cref="MediaGate"/> slot around it when requests may come in numbers.
    /// </summary>
    public async Task<MediaOutcome> ProcessAsync(string uploadPath, CancellationToken cancellation = default)
    {
        var length = new FileInfo(uploadPath).Length;
        if (length == 0)
        {
            return MediaOutcome.Refuse("La photo est vide : le fichier ne contient rien. Reprends la photo.");
        }
        if (length > _options.MaxPhotoBytes)
        {
            return MediaOutcome.Refuse($"La photo est trop lourde : {MediaOptions.Megabytes(length)} Mo, pour {MediaOptions.Megabytes(_options.MaxPhotoBytes)} Mo au plus.");
        }
        var type = await FileSniffer.SniffAsync(uploadPath, cancellation);
        if (!type.IsImage())
        {
            return MediaOutcome.Refuse("Ce fichier n'est pas une photo : seules les photos JPEG, PNG et WebP sont acceptées.");
        }
        if (await FileSniffer.HidesArchiveAsync(uploadPath, cancellation))
        {
            return MediaOutcome.Refuse("Cette photo cache un autre fichier (une archive) : elle est refusée. Envoie la photo telle que l'appareil l'a prise.");
        }
        return Decode(uploadPath);
    }

    private MediaOutcome Decode(string uploadPath)
    {
        using var stream = File.OpenRead(uploadPath);
        using var codec = SKCodec.Create(stream, out var opened);
        if (codec is null)
        {
            return MediaOutcome.Refuse(opened == SKCodecResult.IncompleteInput
                ? "La photo est incomplète : le fichier a été coupé pendant l'envoi. Envoie-la à nouveau."
                : "La photo est abîmée : elle ne peut pas être lue. Reprends la photo.");
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > _options.MaxPhotoPixels)
        {
            return MediaOutcome.Refuse($"La photo est trop grande : {width} × {height} pixels, pour {_options.MaxPhotoPixels / 1_000_000} millions de pixels au plus.");
        }

        // A JPEG decodes straight at a half, a quarter or an eighth: far less memory for a camera's large photo.
        var wanted = Math.Min(1f, (float)_options.PhotoLongEdge / Math.Max(width, height));
        var scaled = codec.GetScaledDimensions(wanted);
        using var decoded = DecodeAt(codec, scaled.Width >= 1 && scaled.Height >= 1 ? scaled : codec.Info.Size, out var result)
            ?? (result == SKCodecResult.InvalidScale ? DecodeAt(codec, codec.Info.Size, out result) : null);
        if (decoded is null || result != SKCodecResult.Success)
        {
            return MediaOutcome.Refuse(result == SKCodecResult.IncompleteInput
                ? "La photo est incomplète : le fichier a été coupé pendant l'envoi. Envoie-la à nouveau."
                : "La photo est abîmée : elle ne peut pas être lue. Reprends la photo.");
        }

        using var upright = Upright(decoded, codec.EncodedOrigin, _options.PhotoLongEdge);
        return MediaOutcome.Accept(Save(upright));
    }

    private static SKBitmap? DecodeAt(SKCodec codec, SKSizeI size, out SKCodecResult result)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is SKCodecResult.Success)
        {
            return bitmap;
        }
        bitmap.Dispose();
        return null;
    }

    /// <summary>Draws the pixels the right way up, as the camera meant them, within the longest side allowed.</summary>
    internal static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin, int longEdge)
    {
        var (w, h) = (source.Width, source.Height);
        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = turned ? (h, w) : (w, h);
        var scale = Math.Min(1f, (float)longEdge / Math.Max(uprightWidth, uprightHeight));
        var outWidth = Math.Max(1, (int)Math.Round(uprightWidth * scale));
        var outHeight = Math.Max(1, (int)Math.Round(uprightHeight * scale));

        // x' = a·x + b·y + c, y' = d·x + e·y + f, from the stored pixels to the upright picture.
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        matrix = matrix.PostConcat(SKMatrix.CreateScale((float)outWidth / uprightWidth, (float)outHeight / uprightHeight));

        var result = new SKBitmap(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        // A photo with transparency (PNG, WebP) goes on white, as a JPEG has none.
        canvas.Clear(SKColors.White);
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKCubicResampler.Mitchell));
        canvas.Flush();
        return result;
    }

    /// <summary>
    /// Blurs areas of a stored photo beyond recovery and stores the result under a new name; the
    /// caller deletes the former file, so that no unblurred copy remains.
    /// </summary>
    public async Task<ProcessedFile> BlurAsync(string storedPath, IReadOnlyList<BlurArea> areas, CancellationToken cancellation = default)
    {
        using var slot = await gate.EnterAsync(cancellation);
        using var bitmap = SKBitmap.Decode(storedPath) ?? throw new InvalidDataException("A stored photo could not be read.");
        using var canvas = new SKCanvas(bitmap);
        using var whole = SKImage.FromBitmap(bitmap);
        foreach (var area in areas.Where(a => a.IsValid))
        {
            var rect = SKRectI.Round(new SKRect(
                (float)(Math.Max(0, area.X) * bitmap.Width), (float)(Math.Max(0, area.Y) * bitmap.Height),
                (float)(Math.Min(1, area.X + area.Width) * bitmap.Width), (float)(Math.Min(1, area.Y + area.Height) * bitmap.Height)));
            if (rect.Width < 1 || rect.Height < 1)
            {
                continue;
            }
            // The area is shrunk to a handful of pixels and stretched back: what was there cannot be
            // rebuilt from so little, unlike a light blur or fine squares.
            var cells = Math.Max(1, (int)Math.Ceiling(Math.Max(rect.Width, rect.Height) / Math.Max(12f, Math.Min(bitmap.Width, bitmap.Height) / 40f)));
            cells = Math.Min(cells, 6);
            var (smallWidth, smallHeight) = rect.Width >= rect.Height
                ? (cells, Math.Max(1, (int)Math.Round(cells * (double)rect.Height / rect.Width)))
                : (Math.Max(1, (int)Math.Round(cells * (double)rect.Width / rect.Height)), cells);
            using var tiny = new SKBitmap(new SKImageInfo(smallWidth, smallHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
            using (var tinyCanvas = new SKCanvas(tiny))
            {
                tinyCanvas.DrawImage(whole, rect, new SKRect(0, 0, smallWidth, smallHeight), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }
            using var tinyImage = SKImage.FromBitmap(tiny);
            canvas.Save();
            canvas.ClipRect(rect);
            canvas.DrawImage(tinyImage, new SKRect(0, 0, smallWidth, smallHeight), rect, new SKSamplingOptions(SKFilterMode.Linear));
            canvas.Restore();
        }
        canvas.Flush();
        return Save(bitmap);
    }

    private ProcessedFile Save(SKBitmap bitmap)
    {
        var path = store.WorkingPath(Extension);
        using (var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, Quality))
        using (var output = File.Create(path))
        {
            data.SaveTo(output);
        }
        return new ProcessedFile(path, Extension, ContentType, new FileInfo(path).Length) { Width = bitmap.Width, Height = bitmap.Height };
    }

}
