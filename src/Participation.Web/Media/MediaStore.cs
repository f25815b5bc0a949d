using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Participation.Web.Infrastructure;

namespace Participation.Web.Media;

/// <summary>
/// The stored files, outside the web root, under random names that say nothing of who or what.
/// Uploads are processed in a working folder inside it and moved in only once accepted, so that a
/// refused file leaves nothing behind.
/// </summary>
public sealed partial class MediaStore
{
    private const string WorkingFolderName = ".en-cours";

    public MediaStore(IOptions<MediaOptions> options, SiteLayout layout)
    {
        Root = layout.Resolve(options.Value.Folder);
        WorkingFolder = Path.Combine(Root, WorkingFolderName);
        Directory.CreateDirectory(WorkingFolder);
    }

    /// <summary>
    /// Deletes working files older than <paramref name="age"/>: a process stopped in the middle of an
    /// upload leaves its raw file there, metadata and all. Returns how many.
    /// </summary>
    public int SweepWorkingFolder(TimeSpan age)
    {
        var before = DateTime.UtcNow - age;
        var swept = 0;
        foreach (var file in Directory.EnumerateFiles(WorkingFolder))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < before)
                {
                    File.Delete(file);
                    swept++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use, or gone already: the next sweep sees it again.
            }
        }
        return swept;
    }

    public string Root { get; }

    private static readonly DateTime StoredDate = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Where uploads are read and converted; emptied of every file a request made, whatever happens.</summary>
    public string WorkingFolder { get; }

    /// <summary>A new, unused path in the working folder.</summary>
    public string WorkingPath(string extension) => Path.Combine(WorkingFolder, RandomName(extension));

    /// <summary>Moves a processed file into the store under a new random name, which it returns.</summary>
    public string Keep(string workingPath, string extension)
    {
        var name = RandomName(extension);
        var path = Path.Combine(Root, name);
        File.Move(workingPath, path);
        // Served files carry no date to the second of when someone spoke or a moderator blurred.
        File.SetLastWriteTimeUtc(path, StoredDate);
        return name;
    }

    /// <summary>The stored file's path, or null for a name the store never gives.</summary>
    public string? PathOf(string name) => StoredName().IsMatch(name) ? Path.Combine(Root, name) : null;

    public bool Exists(string name) => PathOf(name) is { } path && File.Exists(path);

    /// <summary>Deletes a stored file; a file already gone is no error.</summary>
    public void Delete(string name)
    {
        if (PathOf(name) is { } path)
        {
            File.Delete(path);
        }
    }

    public static void DeleteQuietly(string? path)
    {
        if (path is null)
        {
            return;
        }
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }

    private static string RandomName(string extension) =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + extension;

    [GeneratedRegex("\\A[0-9a-f]{32}\\.(jpg|m4a)\\z")]
    private static partial Regex StoredName();
}
