using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Participation.Testing;
using Participation.Tests.Infrastructure;
using Participation.Web.Infrastructure;
using Participation.Web.Media;
using SkiaSharp;

namespace Participation.Tests.Media;

public sealed class PipelineTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("participation-media");
    private readonly MediaStore _store;
    private readonly PhotoProcessor _photos;
    private readonly AudioProcessor _audio;

    public PipelineTests()
    {
        var options = Options.Create(new MediaOptions { Folder = _folder.File("media") });
        _store = new MediaStore(options, new SiteLayout(_folder.Path, _folder.Path, _folder.Path));
        var gate = new MediaGate(options);
        _photos = new PhotoProcessor(options, _store, gate);
        _audio = new AudioProcessor(options, _store, NullLogger<AudioProcessor>.Instance);
    }

    public void Dispose() => _folder.Dispose();

    private string Upload(byte[] bytes)
    {
        var path = _store.WorkingPath(".upload");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void The_sample_photo_carries_gps_before_processing()
    {
        var directories = ImageMetadataReader.ReadMetadata(new MemoryStream(MediaSamples.PhotoWithGps()));
        var gps = directories.OfType<GpsDirectory>().Single();
        var location = gps.GetGeoLocation();
        Assert.NotNull(location);
        Assert.Equal(47.2184, location.Latitude, 3);
        Assert.Equal(-1.5536, location.Longitude, 3);
    }

    [Fact]
    public async Task A_photo_comes_back_upright_with_no_metadata_at_all()
    {
        // Orientation 6: the camera was held upright, the pixels are stored turned a quarter.
        var outcome = await _photos.ProcessAsync(Upload(MediaSamples.PhotoWithGps(orientation: 6)));

        Assert.False(outcome.Refused, outcome.Error);
        var photo = Assert.Single(outcome.Files);
        Assert.Equal("image/jpeg", photo.ContentType);
        var directories = ImageMetadataReader.ReadMetadata(photo.WorkingPath);
        Assert.Empty(directories.OfType<GpsDirectory>());
        Assert.Empty(directories.OfType<ExifIfd0Directory>());
        Assert.Empty(directories.OfType<ExifSubIfdDirectory>());
        Assert.DoesNotContain(directories, d => d.Name.Contains("XMP") || d.Name.Contains("IPTC"));

        // 400 × 200 turned a quarter clockwise: 200 wide, 400 high, the red corner now top right.
        using var bitmap = SKBitmap.Decode(photo.WorkingPath);
        Assert.Equal((200, 400), (bitmap.Width, bitmap.Height));
        var corner = bitmap.GetPixel(190, 10);
        Assert.True(corner.Red > 100 && corner.Blue < 60, $"Expected red top right, got {corner}.");
        var other = bitmap.GetPixel(10, 10);
        Assert.True(other.Blue > 150, $"Expected sky top left, got {other}.");
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    public async Task Jpeg_png_and_webp_are_accepted_and_stored_as_jpeg(SKEncodedImageFormat format)
    {
        var outcome = await _photos.ProcessAsync(Upload(MediaSamples.Photo(format)));

        Assert.False(outcome.Refused, outcome.Error);
        Assert.Equal(SniffedType.Jpeg, await FileSniffer.SniffAsync(outcome.Files[0].WorkingPath));
        Assert.Equal((400, 200), (outcome.Files[0].Width, outcome.Files[0].Height));
    }

    [Fact]
    public async Task A_large_photo_is_reduced_to_the_longest_side_allowed()
    {
        var outcome = await _photos.ProcessAsync(Upload(MediaSamples.Photo(width: 4000, height: 3000)));

        Assert.False(outcome.Refused, outcome.Error);
        // A JPEG decodes at a half, a quarter or an eighth: the side lands at or under the limit, never far under.
        Assert.InRange(Math.Max(outcome.Files[0].Width!.Value, outcome.Files[0].Height!.Value), 1500, 2048);
        Assert.Equal(4d / 3, (double)outcome.Files[0].Width!.Value / outcome.Files[0].Height!.Value, 2);
    }

    public static TheoryData<string, string> BadPhotos => new()
    {
        { "executable", "n'est pas une photo" },
        { "polyglot", "cache un autre fichier" },
        { "truncated", "incomplète" },
        { "empty", "vide" },
        { "bomb", "trop grande" },
    };

    [Theory]
    [MemberData(nameof(BadPhotos))]
    public async Task Bad_photos_are_refused_with_a_french_reason(string kind, string words)
    {
        var photo = MediaSamples.Photo();
        var bytes = kind switch
        {
            "executable" => MediaSamples.Executable(),
            "polyglot" => MediaSamples.JpegZipPolyglot(),
            "truncated" => photo[..(photo.Length / 2)],
            "empty" => [],
            "bomb" => MediaSamples.DecompressionBomb(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var outcome = await _photos.ProcessAsync(Upload(bytes));

        Assert.True(outcome.Refused);
        Assert.Contains(words, outcome.Error);
        Assert.Empty(outcome.Files);
    }

    [Fact]
    public async Task A_photo_above_the_size_limit_is_refused_before_it_is_read()
    {
        var outcome = await _photos.ProcessAsync(Upload(new byte[9 * 1024 * 1024]));

        Assert.Contains("trop lourde", outcome.Error);
    }

    [Fact]
    public async Task Compressed_image_data_never_passes_for_a_hidden_archive()
    {
        // Ordinary photos of every kind, noisy or flat: none may be taken for a polyglot.
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            using var bitmap = new SKBitmap(300, 300);
            for (var y = 0; y < 300; y++)
            {
                for (var x = 0; x < 300; x++)
                {
                    bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
                }
            }
            using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
            var path = Upload(data.ToArray());
            Assert.False(await FileSniffer.HidesArchiveAsync(path));
        }
    }

    [Fact]
    public async Task Blurred_areas_keep_no_detail_and_the_rest_is_untouched()
    {
        var processed = (await _photos.ProcessAsync(Upload(MediaSamples.Photo(width: 800, height: 400)))).Files[0];

        // The stripes fill the bottom right quarter.
        var blurred = await _photos.BlurAsync(processed.WorkingPath, [new BlurArea(0.5, 0.5, 0.5, 0.5)]);

        using var before = SKBitmap.Decode(processed.WorkingPath);
        using var after = SKBitmap.Decode(blurred.WorkingPath);
        Assert.True(Contrast(before, 600, 300) > 100, "The sample should have sharp stripes.");
        Assert.True(Contrast(after, 600, 300) < 25, $"Stripes still show after blurring: {Contrast(after, 600, 300)}.");
        Assert.Equal(before.GetPixel(50, 50), after.GetPixel(50, 50));
        Assert.Empty(ImageMetadataReader.ReadMetadata(blurred.WorkingPath).OfType<GpsDirectory>());
    }

    /// <summary>The largest difference in red between neighbouring pixels along a row.</summary>
    private static int Contrast(SKBitmap bitmap, int fromX, int y)
    {
        var largest = 0;
        for (var x = fromX; x < fromX + 40; x++)
        {
            largest = Math.Max(largest, Math.Abs(bitmap.GetPixel(x, y).Red - bitmap.GetPixel(x + 1, y).Red) + Math.Abs(bitmap.GetPixel(x, y).Blue - bitmap.GetPixel(x + 1, y).Blue));
        }
        return largest;
    }

    [Theory]
    [InlineData(".webm")]
    [InlineData(".m4a")]
    [InlineData(".ogg")]
    public async Task Recordings_from_every_browser_become_aac_in_mp4_without_tags(string extension)
    {
        var input = MediaSamples.Recording(_store.WorkingFolder, extension, TimeSpan.FromSeconds(6));
        Assert.Contains("Prénom-Nom", MediaSamples.Probe(input));

        var outcome = await _audio.ProcessAsync(input, disguise: false);

        Assert.False(outcome.Refused, outcome.Error);
        var voice = Assert.Single(outcome.Files);
        Assert.Equal(SniffedType.Mp4, await FileSniffer.SniffAsync(voice.WorkingPath));
        var probe = MediaSamples.Probe(voice.WorkingPath);
        Assert.Contains("codec_name=aac", probe);
        Assert.DoesNotContain("Prénom-Nom", probe);
        Assert.DoesNotContain("47.2184", probe);
        Assert.InRange(voice.Duration!.Value.TotalSeconds, 5.5, 6.5);
    }

    [Fact]
    public async Task The_disguised_voice_is_another_sound_of_the_same_length()
    {
        var input = MediaSamples.Recording(_store.WorkingFolder, ".webm", TimeSpan.FromSeconds(4));
        var plain = (await _audio.ProcessAsync(input, disguise: false)).Files[0];

        var outcome = await _audio.ProcessAsync(input, disguise: true);

        Assert.False(outcome.Refused, outcome.Error);
        var disguised = Assert.Single(outcome.Files);
        Assert.InRange(disguised.Duration!.Value.TotalSeconds, 3.5, 4.5);
        Assert.NotEqual(File.ReadAllBytes(plain.WorkingPath), File.ReadAllBytes(disguised.WorkingPath));
        Assert.DoesNotContain("Prénom-Nom", MediaSamples.Probe(disguised.WorkingPath));

        // Drawn anew each time: the same voice disguised twice comes out two different ways.
        var again = (await _audio.ProcessAsync(input, disguise: true)).Files[0];
        Assert.NotEqual(File.ReadAllBytes(disguised.WorkingPath), File.ReadAllBytes(again.WorkingPath));
    }

    [Fact]
    public async Task A_four_minute_recording_is_refused()
    {
        var input = MediaSamples.Recording(_store.WorkingFolder, ".webm", TimeSpan.FromMinutes(4));

        var outcome = await _audio.ProcessAsync(input, disguise: false);

        Assert.Contains("trop long", outcome.Error);
        Assert.Contains("3 minutes", outcome.Error);
    }

    [Theory]
    [InlineData(".webm")]
    [InlineData(".m4a")]
    public async Task A_truncated_recording_is_refused(string extension)
    {
        var input = MediaSamples.Recording(_store.WorkingFolder, extension, TimeSpan.FromSeconds(8));
        var bytes = File.ReadAllBytes(input);

        var outcome = await _audio.ProcessAsync(Upload(bytes[..(bytes.Length * 2 / 3)]), disguise: false);

        Assert.True(outcome.Refused);
        Assert.Contains("incomplet", outcome.Error);
    }

    [Fact]
    public async Task A_renamed_executable_or_a_photo_is_not_a_recording()
    {
        Assert.Contains("n'est pas un enregistrement", (await _audio.ProcessAsync(Upload(MediaSamples.Executable()), false)).Error);
        Assert.Contains("n'est pas un enregistrement", (await _audio.ProcessAsync(Upload(MediaSamples.Photo()), false)).Error);
        Assert.Contains("vide", (await _audio.ProcessAsync(Upload([]), false)).Error);
    }

    [Fact]
    public async Task A_recording_made_by_a_browser_is_disguised_whatever_settings_are_drawn()
    {
        // Chromium's MediaRecorder with its fake microphone: no length in the header, short end frames.
        var sample = Path.Combine(RepoPaths.Root, "tests", "Participation.Tests", "Media", "Samples", "chromium-micro.webm");
        for (var round = 0; round < 8; round++)
        {
            var input = Upload(File.ReadAllBytes(sample));

            var outcome = await _audio.ProcessAsync(input, disguise: true);

            Assert.False(outcome.Refused, $"round {round + 1}: {outcome.Error}");
            MediaStore.DeleteQuietly(outcome.Files[0].WorkingPath);
        }
    }

    [Fact]
    public async Task A_recording_in_a_codec_no_phone_records_is_refused_before_any_decoder_for_it_runs()
    {
        // A WebM (Matroska) container, as accepted, holding ADPCM instead of Opus.
        var input = Path.Combine(_store.WorkingFolder, Guid.NewGuid().ToString("N") + ".webm");
        MediaSamples.Ffmpeg($"-f lavfi -i sine=f=220:d=2 -c:a adpcm_ima_wav -f matroska \"{input}\"");

        var outcome = await _audio.ProcessAsync(input, disguise: false);

        Assert.True(outcome.Refused);
    }

    [Fact]
    public void Uploads_left_in_the_working_folder_by_a_stopped_process_are_swept_and_fresh_ones_kept()
    {
        var stale = Path.Combine(_store.WorkingFolder, "reste.jpg");
        var fresh = Path.Combine(_store.WorkingFolder, "en-cours.jpg");
        File.WriteAllBytes(stale, MediaSamples.Photo());
        File.WriteAllBytes(fresh, MediaSamples.Photo());
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));

        Assert.Equal(1, _store.SweepWorkingFolder(TimeSpan.FromHours(1)));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public async Task Refused_recordings_leave_no_converted_file_behind()
    {
        var input = MediaSamples.Recording(_store.WorkingFolder, ".webm", TimeSpan.FromMinutes(4));
        var before = System.IO.Directory.GetFiles(_store.Root, "*", SearchOption.AllDirectories).Order().ToList();

        await _audio.ProcessAsync(input, disguise: true);

        Assert.Equal(before, System.IO.Directory.GetFiles(_store.Root, "*", SearchOption.AllDirectories).Order().ToList());
    }
}
