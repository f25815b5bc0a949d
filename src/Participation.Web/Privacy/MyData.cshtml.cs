using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Peers;
using Participation.Web.Shared;

namespace Participation.Web.Privacy;

/// <summary>The right of access: the signed-in person reads, and downloads, what the site holds about them. Never anyone else's: no id in the address.</summary>
[Authorize]
public sealed class MyDataModel(ParticipationDb db, UserManager<Member> users, TimeProvider clock) : PageModel
{
    public PersonalData Data { get; private set; } = null!;

    /// <summary>The site says « tu » to young members and « vous » to every adult.</summary>
    public bool Young { get; private set; }

    /// <summary>Whether the network of mutual aid is open to the person (not to 7–10 year-olds, nor to most adults).</summary>
    public bool InPeerNetwork { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is not { } data)
        {
            return Challenge();
        }
        Data = data;
        Young = User.IsInRole(Roles.Young);
        InPeerNetwork = PeerRules.Standing(User, data.Account.BirthYear, FrenchDates.ToParis(data.ExportedAt).Year).InNetwork;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnGetJsonAsync()
    {
        if (await LoadAsync() is not { } data)
        {
            return Challenge();
        }
        Response.Headers.CacheControl = "no-store";
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(data, PersonalData.JsonOptions);
        return File(bytes, "application/json; charset=utf-8", PersonalData.FileName(data.ExportedAt));
    }

    private async Task<PersonalData?> LoadAsync() =>
        users.GetUserId(User) is { } id ? await PersonalData.ForMemberAsync(db, id, clock.GetUtcNow()) : null;

    /// <summary>« 3 décembre 2026 », on the département's clock.</summary>
    public static string Day(DateTimeOffset moment) => FrenchDates.Day(FrenchDates.ToParis(moment));

    public static string YesNo(bool yes) => yes ? "oui" : "non";
}
