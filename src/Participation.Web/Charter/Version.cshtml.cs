using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

/// <summary>A whole version, to read or to print, in full or in its easy-to-read words; a draft only for staff.</summary>
[AllowAnonymous]
public sealed class VersionModel(CharterQueries queries, TimeProvider clock) : PageModel
{
    public CharterView Charter { get; private set; } = null!;
    public bool EasyFirst { get; private set; }
    public int? Published { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(int number, string? facile)
    {
        if (await queries.ViewAsync(number, staff: User.IsInRole(Roles.Admin)) is not { } charter)
        {
            return NotFound();
        }
        Charter = charter;
        EasyFirst = facile is "1" or "true";
        Published = await queries.PublishedNumberAsync();
        Now = clock.GetUtcNow();
        return Page();
    }
}
