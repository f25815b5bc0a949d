using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Participation.Web.Consultations;

[AllowAnonymous]
public sealed class ThanksModel(ConsultationForms forms, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "langue")] public string? LanguageCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "apercu")] public bool Preview { get; set; }

    /// <summary>A written answer was held for safety: the parent reads that a person will read it soon, and whom to call.</summary>
    [BindProperty(SupportsGet = true, Name = "lue")] public bool HeldForSafety { get; set; }

    public QuestionnaireForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        Preview = await authorization.MayPreviewAsync(User, Preview);
        if (await forms.FindAsync(slug, LanguageCode) is not { } loaded || (!loaded.IsPublished && !Preview))
        {
            return NotFound();
        }
        Form = loaded.Form;
        return Page();
    }
}
