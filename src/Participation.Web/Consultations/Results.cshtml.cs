using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Consultations;

[Authorize(Policy = ConsultationPolicies.Manage)]
public sealed class ResultsModel(ConsultationForms forms, ConsultationResults results) : FormPageModel
{
    [BindProperty(SupportsGet = true, Name = "ventilation")] public string? BreakdownValue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Message { get; set; }
    [BindProperty(SupportsGet = true, Name = "theme")] public string? TextTheme { get; set; }

    public const string Untagged = "sans-theme";
    public const string TooFewToExport = "export-trop-tot";

    /// <summary>The written answers to show: all, those without a theme yet, or those of one theme.</summary>
    public IEnumerable<FreeText> Shown(IEnumerable<FreeText> texts) => TextTheme switch
    {
        null or "" => texts,
        Untagged => texts.Where(t => t.Themes == Theme.None),
        _ => Shared.Themes.FromSlug(TextTheme) is { } theme ? texts.Where(t => t.Themes.HasFlag(theme)) : texts,
    };
    [BindProperty] public List<string> Themes { get; set; } = [];

    public QuestionnaireForm Form { get; private set; } = null!;
    public ResultSplit Split { get; private set; } = ResultSplit.None;
    public ResultsView View { get; private set; } = null!;

    public IEnumerable<QuestionShape> SplitQuestions => Form.Questions.Where(q => q.HasSingleAnswer);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await forms.FindAsync(id, Languages.FrenchCode) is not { } loaded)
        {
            return NotFound();
        }
        Form = loaded.Form;
        Split = ResultSplit.Parse(BreakdownValue);
        View = await results.ComputeAsync(Form, Split);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(int id)
    {
        if (await forms.FindAsync(id, Languages.FrenchCode) is not { } loaded)
        {
            return NotFound();
        }
        await using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            if (!await results.WriteCsvAsync(loaded.Form, writer))
            {
                return Redirect($"/pilotage/consultations/{id}/resultats?message={TooFewToExport}");
            }
        }
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"reponses-{loaded.Form.Slug}.csv");
    }

    public async Task<IActionResult> OnPostTagAsync(int id, int answerId)
    {
        var themes = Theme.None;
        foreach (var slug in Themes)
        {
            themes |= Shared.Themes.FromSlug(slug) ?? Theme.None;
        }
        if (!await results.TagAsync(id, answerId, themes))
        {
            return NotFound();
        }
        var back = TextTheme is { Length: > 0 } ? $"&theme={Uri.EscapeDataString(TextTheme)}" : "";
        return Redirect($"/pilotage/consultations/{id}/resultats?message=themes{back}#reponse-{answerId}");
    }
}
