using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

/// <summary>The team's page for the network's shape: its circles, a new topic circle, and the pair-aidant·e·s.</summary>
[Authorize(Policy = PeerPolicies.Steer)]
public sealed class SteerModel(ParticipationDb db, PeerSteering steering) : FormPageModel
{
    public sealed record CircleLine(Circle Circle, int Threads, int Waiting);

    public sealed record HelperLine(string MemberId, string Pseudonym, DateOnly Since, string? Training);

    [BindProperty] public Audience? Audience { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Pseudonym { get; set; }
    [BindProperty] public DateOnly? Since { get; set; }
    [BindProperty] public string? Training { get; set; }
    [BindProperty] public string? MemberId { get; set; }

    public IReadOnlyList<CircleLine> Circles { get; private set; } = [];
    public IReadOnlyList<HelperLine> Helpers { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? fait)
    {
        Done = fait switch
        {
            "cercle" => "Le cercle est ouvert à tout son public.",
            "badge" => "Le badge pair-aidant·e est donné.",
            "retire" => "Le badge est retiré.",
            _ => null,
        };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCircleAsync()
    {
        var created = await steering.CreateCircleAsync(Audience, Name, Description, Actor.From(User));
        if (!created.Succeeded)
        {
            AddErrors(created.Errors);
            await LoadAsync();
            return Page();
        }
        return RedirectToPage(new { fait = "cercle" });
    }

    public async Task<IActionResult> OnPostGrantAsync()
    {
        var granted = await steering.GrantHelperAsync(Pseudonym, Since, Training, Actor.From(User));
        if (!granted.Succeeded)
        {
            AddErrors(granted.Errors);
            await LoadAsync();
            return Page();
        }
        return RedirectToPage(new { fait = "badge" });
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        await steering.RevokeHelperAsync(MemberId ?? "");
        return RedirectToPage(new { fait = "retire" });
    }

    public override string? ErrorAnchor(string field) => field switch
    {
        "Audience" => "#public",
        "Name" => "#nom",
        "Description" => "#description",
        "Pseudonym" => "#pseudonyme",
        "Since" => "#depuis",
        "Training" => "#formation",
        _ => null,
    };

    private async Task LoadAsync()
    {
        Circles = (await db.PeerCircles.AsNoTracking()
                .Select(c => new CircleLine(c,
                    db.PeerPosts.Count(p => p.CircleId == c.Id && p.ThreadId == null && p.Status == PostStatus.Published),
                    db.PeerPosts.Count(p => p.CircleId == c.Id && p.Status == PostStatus.Pending)))
                .ToListAsync())
            .OrderBy(l => l.Circle.Audience).ThenByDescending(l => l.Circle.General).ThenBy(l => l.Circle.Name).ToList();
        Helpers = (await db.PeerProfiles.AsNoTracking().Where(p => p.HelperSince != null)
                .Join(db.Users, p => p.MemberId, u => u.Id, (p, u) => new HelperLine(p.MemberId, u.Pseudonym, p.HelperSince!.Value, p.HelperTraining))
                .ToListAsync())
            .OrderBy(h => h.Pseudonym).ToList();
    }
}
