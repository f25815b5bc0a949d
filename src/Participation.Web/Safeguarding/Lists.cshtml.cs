using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Participation.Web.Infrastructure;

namespace Participation.Web.Safeguarding;

/// <summary>
/// The lists in force, as the detector read them at start-up, for the staff who answer for what it
/// catches; with a field to try a sentence, so that a reviewer sees which entry catches it.
/// </summary>
[Authorize(Policy = SafeguardingPolicies.Watch)]
public sealed class ListsModel(RiskDetector detector, IOptions<SafeguardingOptions> options) : FormPageModel
{
    public const int TrialMaxLength = 2000;

    public SafeguardingLists Lists => detector.Lists;

    public IReadOnlyList<string> Places => detector.Places;

    public TimeSpan PlacesRefresh => options.Value.PlacesRefresh;

    [BindProperty]
    public string? Trial { get; set; }

    public RiskReport? TrialReport { get; private set; }

    public void OnGet()
    {
    }

    // A post rather than a link: the sentence tried may be a child's words and stays out of addresses and logs.
    public void OnPost()
    {
        if (string.IsNullOrWhiteSpace(Trial))
        {
            AddError(nameof(Trial), "Écrivez une phrase à essayer.");
            return;
        }
        if (Trial.Length > TrialMaxLength)
        {
            AddError(nameof(Trial), $"La phrase fait {Trial.Length} caractères : {TrialMaxLength} au plus.");
            return;
        }
        TrialReport = detector.Scan(Trial);
    }

    public static string Anchor(ListFile file) => "liste-" + Path.GetFileNameWithoutExtension(file.Name);
}
