using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Media;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Proposals;

/// <summary>
/// The photo of what was done for a proposal: public while its proposal is, for the team always.
/// Anything else is a plain 404, which says nothing of whether the file exists.
/// </summary>
public static class DonePhotoEndpoint
{
    public const string Prefix = "/propositions/photos/";

    public static string Url(string fileName) => Prefix + fileName;

    public static async Task<IResult> ServeAsync(string name, HttpContext context, ParticipationDb db, MediaStore store)
    {
        if (store.PathOf(name) is not { } path)
        {
            return Results.NotFound();
        }
        var proposal = await db.ProposalEvents.AsNoTracking()
            .Where(e => e.PhotoFile == name)
            .Select(e => db.Proposals.Where(p => p.Id == e.ProposalId).Select(p => new { p.Status, p.HeldForSafety }).Single())
            .SingleOrDefaultAsync(context.RequestAborted);
        if (proposal is null || !File.Exists(path))
        {
            return Results.NotFound();
        }
        var isPublic = proposal.Status.IsPublic() && !proposal.HeldForSafety;
        // Held for safety, as on the proposal's own pages: only those who watch over safety.
        var mayStillSee = proposal.HeldForSafety ? context.User.WatchesOverSafety() : Actor.From(context.User).IsStaff;
        if (!isPublic && !mayStillSee)
        {
            return Results.NotFound();
        }
        return StoredFileResult.Send(context, path, PhotoProcessor.ContentType, isPublic);
    }
}
