using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Participation.Web.Infrastructure;

namespace Participation.Web.Consultations;

/// <summary>The questionnaire on paper, in one language: for families who answer with a pen.</summary>
[Authorize(Policy = ConsultationPolicies.Manage)]
public sealed class PrintModel(ConsultationForms forms, SiteAddress site) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "langue")] public string? LanguageCode { get; set; }

    public LoadedQuestionnaire Loaded { get; private set; } = null!;
    public QuestionnaireForm Form => Loaded.Form;
    public string Address { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await forms.FindAsync(id, LanguageCode) is not { } loaded)
        {
            return NotFound();
        }
        Loaded = loaded;
        Address = site.Typed(Request, $"/consultations/{loaded.Form.Slug}");
        return Page();
    }
}
