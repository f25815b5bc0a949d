using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Media;
using Participation.Web.Safeguarding;

namespace Participation.Web.Testimonies;

/// <summary>
/// The only way to a stored file: the public gets a file only while its testimony is published and
/// consent allows that file; moderators get every file still stored. Anything else is a plain 404,
/// which says nothing of whether the file exists.
/// </summary>
public static class TestimonyMediaEndpoint
{
    public const string Prefix = "/micro-trottoirs/media/";

    public static string Url(string fileName) => Prefix + fileName;

    public static async Task<IResult> ServeAsync(string name, HttpContext context, ParticipationDb db, MediaStore store)
    {
        if (store.PathOf(name) is not { } path)
        {
            return Results.NotFound();
        }
        var found = await db.TestimonyMedia.AsNoTracking()
            .Where(m => m.FileName == name)
            .Select(m => new { Media = m, Testimony = db.Testimonies.Single(t => t.Id == m.TestimonyId) })
            .SingleOrDefaultAsync(context.RequestAborted);
        if (found is null || !File.Exists(path))
        {
            return Results.NotFound();
        }
        var isPublic = found.Testimony.IsPublic(found.Media);
        if (!isPublic && !context.User.WatchesOverSafety())
        {
            return Results.NotFound();
        }
        return StoredFileResult.Send(context, path, found.Media.ContentType, isPublic);
    }
}
