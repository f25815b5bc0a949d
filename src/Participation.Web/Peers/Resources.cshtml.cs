using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Participation.Web.Peers;

/// <summary>The resource library, public: practical sheets by theme, and one sheet at a time.</summary>
[AllowAnonymous]
public sealed class ResourcesModel(PeerLibrary library) : PageModel
{
    public IReadOnlyList<(string Theme, string Label, IReadOnlyList<Resource> Sheets)> Themes { get; private set; } = [];
    public Resource? Sheet { get; private set; }

    public IActionResult OnGet(string? slug)
    {
        if (slug is not null)
        {
            Sheet = library.Find(slug);
            return Sheet is null ? NotFound() : Page();
        }
        Themes = PeerLibrary.Themes
            .Select(t => (t.Slug, t.Label, (IReadOnlyList<Resource>)library.Resources.Where(r => r.Theme == t.Slug).OrderBy(r => r.Title).ToList()))
            .Where(t => t.Item3.Count > 0)
            .ToList();
        return Page();
    }
}
