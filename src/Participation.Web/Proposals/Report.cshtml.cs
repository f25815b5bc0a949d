using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;

namespace Participation.Web.Proposals;

[Authorize(Policy = ProposalPolicies.Triage)]
public sealed class ReportModel(Observatory observatory, TimeProvider clock) : FormPageModel
{
    [BindProperty(SupportsGet = true, Name = "du")] public string? FromText { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public string? ToText { get; set; }

    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public ObservatoryReport Report { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        ReadPeriod();
        Report = await observatory.ReportAsync(From, To, hideHeld: !User.WatchesOverSafety());
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        ReadPeriod();
        await using var buffer = new MemoryStream();
        // A byte-order mark so that spreadsheet software reads the accents right.
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            await observatory.WriteCsvAsync(From, To, writer, hideHeld: !User.WatchesOverSafety());
        }
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"propositions-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}.csv");
    }

    /// <summary>Defaults to the last twelve months; a bad or reversed period is explained, not guessed.</summary>
    private void ReadPeriod()
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        From = today.AddYears(-1).AddDays(1);
        To = today;
        var fromOk = Parse(FromText, out var from);
        var toOk = Parse(ToText, out var to);
        if (!fromOk || !toOk)
        {
            AddError("du", "Les dates s'écrivent comme 2026-03-31. La période des douze derniers mois est affichée.");
            return;
        }
        // One date given alone meets the default of the other: the checks hold for the period as it would be shown.
        var (start, end) = (from ?? From, to ?? To);
        if (start > end)
        {
            AddError("du", "La date de début est après la date de fin. La période des douze derniers mois est affichée.");
            return;
        }
        // A period beyond the platform's years, or longer than ten years, is a typing slip, not a question.
        if (start < new DateOnly(2000, 1, 1) || end > new DateOnly(2100, 12, 31) || end.DayNumber - start.DayNumber > 3653)
        {
            AddError("du", "La période va de 2000 à 2100, sur dix ans au plus. La période des douze derniers mois est affichée.");
            return;
        }
        (From, To) = (start, end);
    }

    private static bool Parse(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        return false;
    }
}
