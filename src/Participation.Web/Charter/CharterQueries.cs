using Microsoft.EntityFrameworkCore;
using Participation.Web.Infrastructure;
using Participation.Web.Consultations;
using Participation.Web.Data;
using Participation.Web.Proposals;
using Participation.Web.Shared;
using Participation.Web.Testimonies;

namespace Participation.Web.Charter;

/// <summary>A voice a practice comes from, as the reader may see it: a withdrawn testimony says only that.</summary>
public sealed record GroundView(GroundKind Kind, int SourceId, string Label, string? Url, string? Detail, bool Gone);

/// <summary>A practice as the charter shows it, numbered « chapter.position ».</summary>
public sealed record PracticeView(int Id, int Key, Theme Chapter, string Number, string Statement, string EasyRead, IReadOnlyList<GroundView> Grounds)
{
    public string Anchor => $"pratique-{Key}";
}

public sealed record Signatory(int EstablishmentId, string Establishment, string Town, string SignedBy, DateTimeOffset SignedAt);

public sealed record VersionSummary(
    int Id, int Number, CharterVersionStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? VoteOpensAt, DateTimeOffset? VoteClosesAt,
    DateTimeOffset? AdoptedAt, int Practices, IReadOnlyList<Signatory> Signatories)
{
    public string StateLabel(DateTimeOffset now) => Status switch
    {
        CharterVersionStatus.Draft => "en préparation",
        CharterVersionStatus.Consultation when now < VoteOpensAt => "vote des jeunes à venir",
        CharterVersionStatus.Consultation when now < VoteClosesAt => "au vote des jeunes",
        CharterVersionStatus.Consultation => "vote terminé, en attente d'adoption",
        _ => "adoptée",
    };

    /// <summary>
    /// The window has closed: only then are the choices counted, so that no one watching the results
    /// while a young person votes learns how they voted from what moved.
    /// </summary>
    public bool VoteOver(DateTimeOffset now) => VoteClosesAt <= now;
}

public sealed record CharterView(VersionSummary Version, string? Intro, IReadOnlyList<PracticeView> Practices)
{
    public IEnumerable<IGrouping<Theme, PracticeView>> Chapters => Practices.GroupBy(p => p.Chapter);
}

/// <summary>
/// What the charter shows: its versions, their practices with their grounds, who signed them, and
/// two versions compared. A draft is for staff only; the rest is public.
/// </summary>
public sealed class CharterQueries(ParticipationDb db) : ICharterMentions
{
    public async Task<IReadOnlyList<VersionSummary>> VersionsAsync(bool withDrafts)
    {
        var versions = await db.CharterVersions.AsNoTracking()
            .Where(v => withDrafts || v.Status != CharterVersionStatus.Draft)
            .OrderByDescending(v => v.Number)
            .Select(v => new
            {
                v.Id, v.Number, v.Status, v.CreatedAt, v.VoteOpensAt, v.VoteClosesAt, v.AdoptedAt,
                Practices = db.CharterPractices.Count(p => p.VersionId == v.Id),
            })
            .ToListAsync();
        var ids = versions.Select(v => v.Id).ToList();
        var signatures = (await (
                from r in db.Ratifications.AsNoTracking()
                where ids.Contains(r.VersionId)
                select new { r.VersionId, Signatory = new Signatory(r.EstablishmentId, r.EstablishmentName, r.EstablishmentTown, r.SignedByName, r.SignedAt) })
            .ToListAsync())
            .OrderBy(s => s.Signatory.SignedAt)
            .ToLookup(s => s.VersionId, s => s.Signatory);
        return versions.Select(v => new VersionSummary(v.Id, v.Number, v.Status, v.CreatedAt, v.VoteOpensAt, v.VoteClosesAt, v.AdoptedAt, v.Practices, signatures[v.Id].ToList())).ToList();
    }

    /// <summary>The version everyone reads: the last one adopted.</summary>
    public async Task<int?> PublishedNumberAsync() =>
        await db.CharterVersions.Where(v => v.Status == CharterVersionStatus.Adopted).MaxAsync(v => (int?)v.Number);

    /// <summary>
    /// Version <paramref name="number"/> with its practices, a draft only for staff. Grounds are read
    /// only where they are shown: for the whole version, for one chapter, or not at all.
    /// </summary>
    public async Task<CharterView?> ViewAsync(int number, bool staff, bool grounds = true, Theme? chapter = null) =>
        (await VersionsAsync(staff)).FirstOrDefault(v => v.Number == number) is { } summary ? await ViewAsync(summary, staff, grounds, chapter) : null;

    /// <summary>A version by its id, drafts included, for the staff's pages.</summary>
    public async Task<CharterView?> ViewByIdAsync(int id) =>
        (await VersionsAsync(withDrafts: true)).FirstOrDefault(v => v.Id == id) is { } summary ? await ViewAsync(summary, staff: true, grounds: true, chapter: null) : null;

    private async Task<CharterView> ViewAsync(VersionSummary summary, bool staff, bool grounds, Theme? chapter)
    {
        var intro = await db.CharterVersions.Where(v => v.Id == summary.Id).Select(v => v.Intro).SingleAsync();
        var practices = await PracticesAsync(summary.Id);
        var shown = grounds
            ? await GroundsAsync(practices.Where(p => chapter is null || p.Chapter == chapter).Select(p => p.Id).ToList(), staff)
            : null;
        return new CharterView(summary, intro, Numbered(practices, shown));
    }

    /// <summary>The practices of a version in the charter's order, each with its number and its grounds, by practice.</summary>
    public static IReadOnlyList<PracticeView> Numbered(IReadOnlyList<CharterPractice> practices, ILookup<int, GroundView>? grounds = null) =>
        practices
            .OrderBy(p => CharterChapters.Number(p.Chapter)).ThenBy(p => p.Order).ThenBy(p => p.Key)
            .GroupBy(p => p.Chapter)
            .SelectMany(chapter => chapter.Select((p, i) => new PracticeView(
                p.Id, p.Key, p.Chapter, $"{CharterChapters.Number(p.Chapter)}.{i + 1}", FrenchTypography.Space(p.Statement), FrenchTypography.Space(p.EasyRead),
                grounds?[p.Id].ToList() ?? [])))
            .ToList();

    public Task<List<CharterPractice>> PracticesAsync(int versionId) =>
        db.CharterPractices.AsNoTracking().Where(p => p.VersionId == versionId).ToListAsync();

    /// <summary>Two versions practice by practice; drafts are compared only for staff.</summary>
    public async Task<IReadOnlyList<PracticeComparison>?> CompareAsync(int fromNumber, int toNumber, bool staff)
    {
        var versions = await db.CharterVersions.AsNoTracking()
            .Where(v => (v.Number == fromNumber || v.Number == toNumber) && (staff || v.Status != CharterVersionStatus.Draft))
            .ToDictionaryAsync(v => v.Number, v => v.Id);
        if (!versions.TryGetValue(fromNumber, out var from) || !versions.TryGetValue(toNumber, out var to))
        {
            return null;
        }
        return CharterDiff.Compare(await PracticesAsync(from), await PracticesAsync(to));
    }

    /// <summary>The grounds of each practice, as the reader may see them.</summary>
    public async Task<ILookup<int, GroundView>> GroundsAsync(IReadOnlyCollection<int> practiceIds, bool staff)
    {
        var grounds = await db.PracticeGrounds.AsNoTracking().Where(g => practiceIds.Contains(g.PracticeId)).OrderBy(g => g.Kind).ThenBy(g => g.SourceId).ToListAsync();
        var views = new Dictionary<(GroundKind, int), GroundView>();

        var proposalIds = grounds.Where(g => g.Kind == GroundKind.Proposal).Select(g => g.SourceId).Distinct().ToList();
        foreach (var p in await db.Proposals.AsNoTracking().Where(p => proposalIds.Contains(p.Id)).Select(p => new { p.Id, p.Title, p.Status, p.HeldForSafety }).ToListAsync())
        {
            var open = p.Status.IsPublic() && !p.HeldForSafety;
            views[(GroundKind.Proposal, p.Id)] = open
                ? new GroundView(GroundKind.Proposal, p.Id, $"Proposition n° {p.Id} : {p.Title}", $"/propositions/{p.Id}", null, false)
                : new GroundView(GroundKind.Proposal, p.Id, "Une proposition que l'équipe n'a pas publiée", staff ? $"/pilotage/propositions/{p.Id}" : null, null, false);
        }

        var testimonyIds = grounds.Where(g => g.Kind == GroundKind.Testimony).Select(g => g.SourceId).Distinct().ToList();
        foreach (var t in await db.Testimonies.AsNoTracking().Where(t => testimonyIds.Contains(t.Id))
                     .Select(t => new { t.Id, t.Status, t.Speaker, t.AgeBand, t.TextPublic, t.Text, t.HeldForSafety, Campaign = t.Campaign!.Title, t.Campaign.Slug })
                     .ToListAsync())
        {
            var who = TestimonyWords.Speaker(t.Speaker, t.AgeBand);
            views[(GroundKind.Testimony, t.Id)] = t.Status switch
            {
                TestimonyStatus.Withdrawn => new GroundView(GroundKind.Testimony, t.Id, "témoignage retiré", null, null, true),
                TestimonyStatus.Published when !t.HeldForSafety => new GroundView(GroundKind.Testimony, t.Id, $"Témoignage d'{who} · {t.Campaign}",
                    $"/micro-trottoirs/{t.Slug}#temoignage-{t.Id}", t.TextPublic ? Excerpt(t.Text) : null, false),
                _ when staff => new GroundView(GroundKind.Testimony, t.Id, $"Témoignage d'{who} · {t.Campaign} (non publié)", $"/pilotage/micro-trottoirs/temoignages/{t.Id}", null, false),
                _ => new GroundView(GroundKind.Testimony, t.Id, "Un témoignage gardé par l'équipe sans être publié", null, null, false),
            };
        }

        var questionIds = grounds.Where(g => g.Kind == GroundKind.Question).Select(g => g.SourceId).Distinct().ToList();
        var questions = await (
                from q in db.Questions.AsNoTracking()
                join s in db.QuestionnaireSections on q.SectionId equals s.Id
                join f in db.Questionnaires on s.QuestionnaireId equals f.Id
                where questionIds.Contains(q.Id)
                select new
                {
                    q.Id, q.Text, Questionnaire = f.Title, QuestionnaireId = f.Id, f.PublishedAt,
                    Answered = db.Answers.Where(a => a.QuestionId == q.Id && !a.HeldForSafety && db.Responses.Any(r => r.Id == a.ResponseId && r.Status == ResponseStatus.Submitted))
                        .Select(a => a.ResponseId).Distinct().Count(),
                })
            .ToListAsync();
        foreach (var q in questions.Where(q => staff || q.PublishedAt is not null))
        {
            views[(GroundKind.Question, q.Id)] = new GroundView(GroundKind.Question, q.Id, $"Question « {q.Text} »",
                staff ? $"/pilotage/consultations/{q.QuestionnaireId}/resultats" : null,
                $"{q.Questionnaire} · {(q.Answered is > 0 and < SmallGroups.Minimum && !staff ? $"moins de {SmallGroups.Minimum} réponses" : Plural.Count(q.Answered, "réponse", "réponses", "aucune réponse"))}", false);
        }

        return grounds.Where(g => views.ContainsKey((g.Kind, g.SourceId))).ToLookup(g => g.PracticeId, g => views[(g.Kind, g.SourceId)]);
    }

    /// <summary>
    /// The practices of the public charter citing each voice: in the version in force, else in the
    /// one at the youth vote, and only where that version's practice itself rests on the voice.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<CharterMention>>> ForAsync(GroundKind kind, IReadOnlyCollection<int> sourceIds)
    {
        var cited = await (
                from g in db.PracticeGrounds.AsNoTracking()
                join p in db.CharterPractices on g.PracticeId equals p.Id
                join v in db.CharterVersions on p.VersionId equals v.Id
                where g.Kind == kind && sourceIds.Contains(g.SourceId) && v.Status != CharterVersionStatus.Draft
                select new { g.SourceId, p.Key, p.VersionId, v.Number, v.Status })
            .ToListAsync();
        if (cited.Count == 0)
        {
            return new Dictionary<int, IReadOnlyList<CharterMention>>();
        }
        var inForce = await PublishedNumberAsync();
        var numbered = new Dictionary<int, IReadOnlyList<PracticeView>>();
        var mentions = new Dictionary<int, IReadOnlyList<CharterMention>>();
        foreach (var source in cited.GroupBy(c => c.SourceId))
        {
            var list = new List<CharterMention>();
            // One mention per practice: from the version in force if it cites the voice, else the newest that does.
            foreach (var practice in source.GroupBy(c => c.Key).Select(g => g.OrderByDescending(c => c.Number == inForce).ThenByDescending(c => c.Number).First()))
            {
                if (!numbered.TryGetValue(practice.VersionId, out var views))
                {
                    numbered[practice.VersionId] = views = Numbered(await PracticesAsync(practice.VersionId));
                }
                var view = views.Single(v => v.Key == practice.Key);
                list.Add(practice.Number == inForce
                    ? new CharterMention(view.Number, view.Statement, $"/charte/{view.Chapter.Slug()}#{view.Anchor}")
                    : new CharterMention(view.Number, practice.Status == CharterVersionStatus.Adopted
                        ? $"{view.Statement} (version {practice.Number})"
                        : $"{view.Statement} (projet de version {practice.Number}, au vote des jeunes)", $"/charte/versions/{practice.Number}#{view.Anchor}"));
            }
            mentions[source.Key] = list;
        }
        return mentions;
    }

    private static string? Excerpt(string? text) =>
        text is null ? null : text.Length <= 160 ? text : string.Concat(text.AsSpan(0, text.LastIndexOf(' ', 159) is > 80 and var cut ? cut : 159), " …");
}

public static class CharterDates
{
    public static string Day(DateTimeOffset at) => FrenchDates.Day(FrenchDates.ToParis(at));

    /// <summary>A window closes at midnight after its last day: the day people read is the one before.</summary>
    public static string LastDay(DateTimeOffset closes) => FrenchDates.Day(FrenchDates.ToParis(closes.AddTicks(-1)));

    /// <summary>Midnight in Paris at the start of that day.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, FrenchDates.Paris.GetUtcOffset(local));
    }
}
