using System.Globalization;
using System.Text;
using QRCoder;

namespace Participation.Web.Consultations;

/// <summary>
/// A QR code as one SVG path, to place inline on a printed sheet: no image requests for a sheet of
/// a hundred slips, and sharp at any printer's resolution.
/// </summary>
public static class QrCodes
{
    public sealed record QrPath(int Size, string Path);

    public static QrPath For(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var path = new StringBuilder();
        for (var y = 0; y < matrix.Count; y++)
        {
            for (var x = 0; x < matrix[y].Length; x++)
            {
                if (matrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }
        return new QrPath(matrix.Count, path.ToString());
    }
}
