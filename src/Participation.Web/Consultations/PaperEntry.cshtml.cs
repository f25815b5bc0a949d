using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Consultations;

/// <summary>Staff type in a questionnaire that came back on paper; it is counted with the others, marked as paper.</summary>
[Authorize(Policy = ConsultationPolicies.Manage)]
public sealed class PaperEntryModel(ConsultationForms forms, Responses responses) : FormPageModel
{
    [BindProperty(Name = "code")] public string? Code { get; set; }
    [BindProperty(Name = "langue")] public string? PaperLanguage { get; set; }
    [BindProperty(SupportsGet = true)] public bool Saved { get; set; }
    [BindProperty(SupportsGet = true, Name = "securite")] public bool HeldForSafety { get; set; }

    public LoadedQuestionnaire Loaded { get; private set; } = null!;
    public QuestionnaireForm Form => Loaded.Form;
    public IReadOnlyDictionary<int, AnswerValue> Answers { get; private set; } = new Dictionary<int, AnswerValue>();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await forms.FindAsync(id, Languages.FrenchCode) is not { } loaded)
        {
            return NotFound();
        }
        Loaded = loaded;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await forms.FindAsync(id, Languages.FrenchCode) is not { } loaded)
        {
            return NotFound();
        }
        Loaded = loaded;
        if (!loaded.IsPublished)
        {
            AddError("", "Publiez le questionnaire avant d'y saisir des réponses.");
            return Page();
        }
        var (answers, errors) = Form.Read(Request.Form.Tidied());
        Answers = answers;
        if (errors.Count > 0)
        {
            AddErrors(errors);
            return Page();
        }
        var result = await responses.SubmitAsync(Form, answers, Code, ResponseChannel.Paper, User.MemberId(), PaperLanguage);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        return Redirect($"/pilotage/consultations/{id}/papier?saved=true{(result.Value.HeldForSafety ? "&securite=true" : "")}");
    }
}
