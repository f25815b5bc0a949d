using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Participation.Web.Content;

/// <summary>Any Markdown page of content/pages, at /its-file-name.</summary>
[AllowAnonymous]
public sealed class ContentPageModel(ContentLibrary library) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    public ContentPage Document { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        if (slug == "accueil")
        {
            return RedirectPermanent("/");
        }
        if (library.Find(slug) is not { } page)
        {
            return NotFound();
        }
        Document = page;
        return Page();
    }
}
