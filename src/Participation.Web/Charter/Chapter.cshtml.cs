using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

[AllowAnonymous]
public sealed class ChapterModel(CharterQueries queries) : PageModel
{
    public Theme Chapter { get; private set; }
    public CharterView Charter { get; private set; } = null!;
    public IReadOnlyList<PracticeView> Practices { get; private set; } = [];
    public Theme? Previous { get; private set; }
    public Theme? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (CharterChapters.FromSlug(slug) is not { } chapter || await queries.PublishedNumberAsync() is not { } number)
        {
            return NotFound();
        }
        Chapter = chapter;
        Charter = (await queries.ViewAsync(number, staff: User.IsInRole(Roles.Admin), chapter: chapter))!;
        Practices = Charter.Practices.Where(p => p.Chapter == chapter).ToList();
        var chapters = Charter.Chapters.Select(c => c.Key).ToList();
        var at = chapters.IndexOf(chapter);
        Previous = at > 0 ? chapters[at - 1] : null;
        Next = at >= 0 && at < chapters.Count - 1 ? chapters[at + 1] : null;
        return Page();
    }
}
