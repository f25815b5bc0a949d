using System.Buffers.Binary;

namespace Participation.Web.Media;

/// <summary>
/// Writes an EXIF block the way a phone's camera does, with where the photo was taken and which way
/// up it was held. Skia writes no EXIF, so the demo and the tests put one in by hand, to show that
/// the pipeline takes it out.
/// </summary>
public static class ExifBlock
{
    private const ushort Orientation = 0x0112;
    private const ushort GpsInfo = 0x8825;
    private const ushort Ascii = 2, Short = 3, Long = 4, Rational = 5, Byte = 1;

    /// <summary>The JPEG with an APP1 EXIF segment right after its start marker.</summary>
    public static byte[] AddTo(byte[] jpeg, double latitude, double longitude, ushort orientation = 1)
    {
        if (jpeg.Length < 2 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG.", nameof(jpeg));
        }
        var tiff = Tiff(latitude, longitude, orientation);
        var segmentLength = 2 + 6 + tiff.Length;
        var result = new byte[jpeg.Length + 2 + segmentLength];
        result[0] = 0xFF;
        result[1] = 0xD8;
        result[2] = 0xFF;
        result[3] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(4), (ushort)segmentLength);
        "Exif\0\0"u8.CopyTo(result.AsSpan(6));
        tiff.CopyTo(result.AsSpan(12));
        jpeg.AsSpan(2).CopyTo(result.AsSpan(12 + tiff.Length));
        return result;
    }

    private static byte[] Tiff(double latitude, double longitude, ushort orientation)
    {
        // Little-endian TIFF: header, IFD0 (orientation, pointer to GPS), GPS IFD, then the rationals.
        const int ifd0 = 8;
        const int ifd0Entries = 2;
        const int gpsIfd = ifd0 + 2 + ifd0Entries * 12 + 4;
        const int gpsEntries = 5;
        const int data = gpsIfd + 2 + gpsEntries * 12 + 4;
        var buffer = new byte[data + 2 * 24];
        var span = buffer.AsSpan();
        "II"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], ifd0);

        BinaryPrimitives.WriteUInt16LittleEndian(span[ifd0..], ifd0Entries);
        Entry(span[(ifd0 + 2)..], Orientation, Short, 1, orientation);
        Entry(span[(ifd0 + 14)..], GpsInfo, Long, 1, gpsIfd);

        BinaryPrimitives.WriteUInt16LittleEndian(span[gpsIfd..], gpsEntries);
        var entry = gpsIfd + 2;
        Entry(span[entry..], 0x0000, Byte, 4, 0x00000302); // version 2.3.0.0
        Entry(span[(entry + 12)..], 0x0001, Ascii, 2, latitude >= 0 ? 'N' : 'S');
        Entry(span[(entry + 24)..], 0x0002, Rational, 3, data);
        Entry(span[(entry + 36)..], 0x0003, Ascii, 2, longitude >= 0 ? 'E' : 'W');
        Entry(span[(entry + 48)..], 0x0004, Rational, 3, data + 24);

        Degrees(span[data..], Math.Abs(latitude));
        Degrees(span[(data + 24)..], Math.Abs(longitude));
        return buffer;
    }

    private static void Entry(Span<byte> at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(at[8..], value);
    }

    /// <summary>Degrees, minutes and seconds as three rationals, seconds to a hundredth.</summary>
    private static void Degrees(Span<byte> at, double value)
    {
        var degrees = (uint)Math.Floor(value);
        var minutesFull = (value - degrees) * 60;
        var minutes = (uint)Math.Floor(minutesFull);
        var seconds = (uint)Math.Round((minutesFull - minutes) * 60 * 100);
        uint[] parts = [degrees, 1, minutes, 1, seconds, 100];
        for (var i = 0; i < parts.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(at[(i * 4)..], parts[i]);
        }
    }
}
