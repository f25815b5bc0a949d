using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Privacy;

/// <summary>A request waiting, with what the account holds, so that staff know what confirming does.</summary>
public sealed record PendingErasure(Erasure Erasure, int Proposals, int Supports, int Posts, int Testimonies, int OpenCases, int OthersReplies);

/// <summary>The erasure requests to decide, and the log of every erasure done, refused or withdrawn.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class ErasureRequestsModel(ParticipationDb db, Erasures erasures) : FormPageModel
{
    private const int LogSize = 100;

    [BindProperty] public int Id { get; set; }
    [BindProperty] public bool Confirmed { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<PendingErasure> Pending { get; private set; } = [];
    public IReadOnlyList<Erasure> Log { get; private set; } = [];
    public int LogTotal { get; private set; }
    public string? Done { get; private set; }

    /// <summary>The request whose form the last post came from, to put its message next to it.</summary>
    public int? FailedId { get; private set; }

    public async Task OnGetAsync(int? fait)
    {
        await LoadAsync();
        Done = fait is { } id ? Log.FirstOrDefault(e => e.Id == id) switch
        {
            { Status: ErasureStatus.Done } erased => $"Le compte est effacé. {erased.Outcome}",
            { Status: ErasureStatus.Refused } => "La demande est refusée ; la personne lit la raison dans ses notifications.",
            _ => null,
        } : null;
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (!Confirmed)
        {
            AddError($"Confirmed-{Id}", "Cochez la case pour confirmer : l'effacement ne peut pas être défait.");
        }
        else
        {
            var result = await erasures.ConfirmAsync(Id, Actor.From(User));
            if (result.Succeeded)
            {
                return Redirect($"/pilotage/effacements?fait={Id}");
            }
            AddErrors(result.Errors.ToDictionary(e => e.Key.Length == 0 ? $"Confirmed-{Id}" : e.Key, e => e.Value));
        }
        FailedId = Id;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRefuseAsync()
    {
        var result = await erasures.RefuseAsync(Id, Reason, Actor.From(User));
        if (result.Succeeded)
        {
            return Redirect($"/pilotage/effacements?fait={Id}");
        }
        AddErrors(result.Errors.ToDictionary(e => e.Key.Length == 0 ? $"Reason-{Id}" : $"{e.Key}-{Id}", e => e.Value));
        FailedId = Id;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var waiting = await db.Erasures.AsNoTracking().Where(e => e.Status == ErasureStatus.Pending).OrderBy(e => e.RequestedAt).ToListAsync();
        var pending = new List<PendingErasure>();
        foreach (var erasure in waiting)
        {
            var id = erasure.MemberId;
            pending.Add(new PendingErasure(erasure,
                await db.ProposalAuthors.CountAsync(a => a.MemberId == id),
                await db.Supports.CountAsync(s => s.MemberId == id),
                await db.PeerPosts.CountAsync(p => p.AuthorId == id),
                await db.Testimonies.CountAsync(t => t.MemberId == id),
                await db.SafetyCases.CountAsync(c => c.AuthorMemberId == id && c.ClosedAt == null),
                await db.PeerPosts.CountAsync(p => p.AuthorId != id && db.PeerPosts.Any(t => t.Id == p.ThreadId && t.AuthorId == id))));
        }
        Pending = pending;
        var decided = db.Erasures.AsNoTracking().Where(e => e.Status != ErasureStatus.Pending);
        LogTotal = await decided.CountAsync();
        Log = await decided.OrderByDescending(e => e.DecidedAt).ThenByDescending(e => e.Id).Take(LogSize).ToListAsync();
    }
}
