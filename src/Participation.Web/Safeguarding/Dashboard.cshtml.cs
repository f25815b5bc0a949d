using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;

namespace Participation.Web.Safeguarding;

/// <summary>
/// How fast urgent cases are opened and acted on, week by week, for the team to see where it is slow;
/// and the same figures as a file. Only moments and counts: no text, origin or name of any case.
/// </summary>
[Authorize(Policy = SafeguardingPolicies.Watch)]
public sealed class DashboardModel(ParticipationDb db, TimeProvider clock, IEnumerable<IModerationFigures> channels) : PageModel
{
    public IReadOnlyList<WeekFigures> Weeks { get; private set; } = [];

    /// <summary>Each moderated channel's weeks, set against its daytime target.</summary>
    public IReadOnlyList<(IModerationFigures Channel, IReadOnlyList<ModerationWeek> Weeks)> Moderation { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Weeks = await WeeksAsync();
        var moderation = new List<(IModerationFigures, IReadOnlyList<ModerationWeek>)>();
        foreach (var channel in channels)
        {
            moderation.Add((channel, await channel.WeeksAsync(clock.LocalTimeZone)));
        }
        Moderation = moderation;
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var weeks = await WeeksAsync();
        await using var buffer = new MemoryStream();
        // A byte-order mark so that spreadsheet software reads the accents right.
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        {
            await WriteCsvAsync(weeks, writer);
        }
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"vigilance-delais-{today}.csv");
    }

    private async Task<IReadOnlyList<WeekFigures>> WeeksAsync()
    {
        // Every case, but only its moments: the texts stay in the database.
        var cases = await db.SafetyCases.AsNoTracking()
            .Select(c => new CaseTimes(c.FlaggedAt, c.FirstSeenAt, c.FirstActionAt, c.Status == CaseStatus.Open))
            .ToListAsync();
        return ResponseTimes.ByWeek(cases, clock.LocalTimeZone);
    }

    private static async Task WriteCsvAsync(IReadOnlyList<WeekFigures> weeks, TextWriter output)
    {
        await using var csv = SpreadsheetCsv.Writer(output);
        foreach (var header in new[]
        {
            "semaine", "lundi", "cas", "ouverture_p50_min", "ouverture_p90_min", "ouverture_max_min", "pas_encore_ouverts",
            "action_p50_min", "action_p90_min", "action_max_min", "pas_encore_clos",
        })
        {
            csv.WriteField(header);
        }
        await csv.NextRecordAsync();
        foreach (var week in weeks)
        {
            csv.WriteField(week.Week.Code);
            csv.WriteField(week.Week.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(week.Cases);
            WriteSpread(csv, week.FirstLook);
            csv.WriteField(week.NotSeen);
            WriteSpread(csv, week.FirstAction);
            csv.WriteField(week.StillOpen);
            await csv.NextRecordAsync();
        }
    }

    // A week with nothing measured leaves its cells empty, not zero: no wait is not a wait of nought.
    private static void WriteSpread(CsvHelper.CsvWriter csv, Spread? spread)
    {
        foreach (var wait in new[] { spread?.Median, spread?.Ninetieth, spread?.Longest })
        {
            csv.WriteField(wait is { } w ? FrenchDates.WholeMinutes(w).ToString(CultureInfo.InvariantCulture) : "");
        }
    }
}
