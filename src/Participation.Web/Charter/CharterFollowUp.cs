using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

public sealed record LevelCounts(int InPlace, int InProgress, int NotYet)
{
    public int Total => InPlace + InProgress + NotYet;

    /// <summary>From 0 (« pas encore » for all) to 2 (« en place » for all).</summary>
    public double Score => Total == 0 ? 0 : (2.0 * InPlace + InProgress) / Total;

    /// <summary>How many answers are a step or more away from <paramref name="level"/>.</summary>
    public int Away(PracticeLevel level) => level switch
    {
        PracticeLevel.InPlace => InProgress + NotYet,
        PracticeLevel.InProgress => InPlace + NotYet,
        _ => InPlace + InProgress,
    };

    public static LevelCounts Of(IEnumerable<PracticeLevel> levels)
    {
        var list = levels.ToList();
        return new(list.Count(l => l == PracticeLevel.InPlace), list.Count(l => l == PracticeLevel.InProgress), list.Count(l => l == PracticeLevel.NotYet));
    }
}

/// <summary>One practice in one establishment: what it says of itself beside what its young people say, when there are enough of them.</summary>
public sealed record SideBySide(PracticeView Practice, PracticeLevel? Said, string? Comment, bool CommentHeld, LevelCounts Young)
{
    public bool Hidden => Young.Total < SmallGroups.Minimum;

    /// <summary>Most of the young people answer a step or more away from what the establishment says: « en cours » against mostly « pas encore », and so on.</summary>
    public bool Disagree => Said is { } said && !Hidden && 2 * Young.Away(said) > Young.Total;
}

public sealed record EstablishmentFollowUp(int EstablishmentId, string Name, int YoungAnswered, IReadOnlyList<SideBySide> Practices)
{
    public int Disagreements => Practices.Count(p => p.Disagree);
}

public sealed record DepartmentRow(PracticeView Practice, LevelCounts Young);

/// <summary>
/// The yearly follow-up of the adopted charter: each establishment rates every practice; the young
/// people living there give their own view, anonymously; staff read both side by side.
/// </summary>
public sealed class CharterFollowUp(ParticipationDb db, CharterQueries queries, Safeguard safeguard, SafetyCases cases, TimeProvider clock)
{
    public int CurrentYear => FrenchDates.ToParis(clock.GetUtcNow()).Year;

    public static double Score(PracticeLevel level) => level switch
    {
        PracticeLevel.InPlace => 2,
        PracticeLevel.InProgress => 1,
        _ => 0,
    };

    public static string EstablishmentWord(PracticeLevel level) => level switch
    {
        PracticeLevel.InPlace => "en place",
        PracticeLevel.InProgress => "en cours",
        _ => "pas encore",
    };

    public static string YoungWord(PracticeLevel level) => level switch
    {
        PracticeLevel.InPlace => "oui, c'est comme ça",
        PracticeLevel.InProgress => "un peu, pas toujours",
        _ => "pas encore",
    };

    /// <summary>The practices followed this year: those of the version in force.</summary>
    public async Task<(VersionSummary? Version, IReadOnlyList<PracticeView> Practices)> FollowedAsync()
    {
        if (await queries.PublishedNumberAsync() is not { } number || await queries.ViewAsync(number, staff: false, grounds: false) is not { } charter)
        {
            return (null, []);
        }
        return (charter.Version, charter.Practices);
    }

    public async Task<IReadOnlyDictionary<int, SelfAssessment>> OwnAsync(int establishmentId, int year) =>
        await db.SelfAssessments.AsNoTracking().Where(a => a.EstablishmentId == establishmentId && a.Year == year).ToDictionaryAsync(a => a.PracticeKey);

    /// <summary>
    /// An establishment's rating of every practice for the year, by its own representative only;
    /// changeable during the year. A comment that says a child is in danger is held: it goes to the
    /// safeguarding team as an urgent case, and staff read it in the follow-up only once the case
    /// releases it. The value counts the comments held by this sending.
    /// </summary>
    public async Task<CommandResult<int>> AssessAsync(Actor representative, int establishmentId, IReadOnlyDictionary<int, (PracticeLevel? Level, string? Comment)> answers)
    {
        var own = representative.MemberId is { } id && representative.Roles.Contains(Roles.Establishment)
            ? await db.Users.Where(u => u.Id == id).Select(u => u.EstablishmentId).SingleOrDefaultAsync()
            : null;
        if (own != establishmentId)
        {
            return CommandResult.Fail("", "Seul·e le ou la représentant·e d'un établissement remplit son suivi : vous ne pouvez pas le faire pour un autre.");
        }
        var (version, practices) = await FollowedAsync();
        if (version is null)
        {
            return CommandResult.Fail("", "Aucune version de la charte n'est adoptée : il n'y a rien à suivre pour l'instant.");
        }
        var errors = new Dictionary<string, string>();
        foreach (var practice in practices)
        {
            var (level, comment) = answers.GetValueOrDefault(practice.Key);
            if (level is null || !Enum.IsDefined(level.Value))
            {
                errors[$"Level-{practice.Key}"] = $"Pratique {practice.Number} : choisissez « en place », « en cours » ou « pas encore ».";
            }
            if (comment?.Trim() is { Length: > SelfAssessment.CommentMaxLength } tooLong)
            {
                errors[$"Comment-{practice.Key}"] = $"Pratique {practice.Number} : le commentaire fait au plus {SelfAssessment.CommentMaxLength} caractères (ici : {tooLong.Length}).";
            }
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }
        var year = CurrentYear;
        var now = clock.GetUtcNow();
        var existing = await db.SelfAssessments.Where(a => a.EstablishmentId == establishmentId && a.Year == year).ToDictionaryAsync(a => a.PracticeKey);
        var pseudonym = await db.Users.Where(u => u.Id == representative.MemberId).Select(u => u.Pseudonym).SingleAsync();
        // Named in the case, since the moderators who read it do not see the follow-up pages.
        var establishment = await db.Establishments.Where(e => e.Id == establishmentId).Select(e => e.Name).SingleAsync();
        var opened = new List<SafetyCase>();
        var heldComments = 0;
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var practice in practices)
        {
            var (level, comment) = answers[practice.Key];
            if (!existing.TryGetValue(practice.Key, out var row))
            {
                row = new SelfAssessment { EstablishmentId = establishmentId, Year = year, PracticeKey = practice.Key, ById = representative.MemberId! };
                db.SelfAssessments.Add(row);
            }
            var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            var held = false;
            if (text is not null && safeguard.Screen(text, Writer.Adult) is { Verdict: Verdict.Urgent } screening)
            {
                var source = HeldCharterComments.AssessmentSource(establishmentId, year, practice.Key);
                var before = await cases.HeldBeforeAsync(SafetyChannel.CharterComment, source, text);
                held = before != HeldBefore.Released;
                if (held)
                {
                    heldComments++;
                }
                if (before == HeldBefore.Never)
                {
                    opened.Add(cases.Stage(new HeldText(SafetyChannel.CharterComment,
                        string.Create(CultureInfo.InvariantCulture, $"{source}{now.ToUnixTimeMilliseconds()}"),
                        $"Commentaire du suivi {year} de « {establishment} », pratique {practice.Number}", null, text, representative.MemberId, pseudonym), screening));
                }
            }
            row.Level = level!.Value;
            row.Comment = text;
            row.CommentHeld = held;
            row.ById = representative.MemberId!;
            row.At = now;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Sent twice at once: the first one is in, and this one would say the same.
            db.ChangeTracker.Clear();
            return CommandResult.Ok(0);
        }
        await transaction.CommitAsync();
        foreach (var held in opened)
        {
            await cases.AnnounceAsync(held);
        }
        return CommandResult.Ok(heldComments);
    }

    /// <summary>Whether this young member can give their view this year, and why not.</summary>
    public async Task<(int? EstablishmentId, string? Refusal)> ViewerAsync(Actor young)
    {
        if (young.MemberId is not { } id || !young.Roles.Contains(Roles.Young))
        {
            return (null, "L'avis sur la charte là où l'on vit est réservé aux jeunes accueillis.");
        }
        if (await db.Users.Where(u => u.Id == id).Select(u => u.EstablishmentId).SingleOrDefaultAsync() is not { } place)
        {
            return (null, "Ton compte ne dit pas où tu vis. Si tu vis dans un foyer ou une maison d'enfants, demande à ton animateur ou ton animatrice de l'ajouter.");
        }
        if (await db.YouthViewsTaken.AnyAsync(t => t.MemberId == id && t.EstablishmentId == place && t.Year == CurrentYear))
        {
            return (place, $"Tu as déjà donné ton avis en {CurrentYear}. Merci ! Tu pourras le redonner l'année prochaine.");
        }
        return (place, null);
    }

    /// <summary>
    /// A young person's view of the practices where they live, once a year. The answers keep no
    /// account; only the fact that the account answered is kept, apart.
    /// </summary>
    public async Task<CommandResult> GiveViewAsync(Actor young, IReadOnlyDictionary<int, PracticeLevel?> answers)
    {
        var (place, refusal) = await ViewerAsync(young);
        if (refusal is not null)
        {
            return CommandResult.Fail("", refusal);
        }
        var (_, practices) = await FollowedAsync();
        var given = practices.Where(p => answers.GetValueOrDefault(p.Key) is { } level && Enum.IsDefined(level)).ToList();
        if (given.Count == 0)
        {
            return CommandResult.Fail("", "Réponds au moins pour une pratique : tu peux passer celles que tu ne connais pas.");
        }
        var year = CurrentYear;
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.YouthViewsTaken.Add(new YouthViewTaken { EstablishmentId = place!.Value, Year = year, MemberId = young.MemberId! });
        db.YouthViews.AddRange(given.Select(p => new YouthView { EstablishmentId = place.Value, Year = year, PracticeKey = p.Key, Level = answers[p.Key]!.Value }));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Fail("", $"Tu as déjà donné ton avis en {year}. Merci !");
        }
        await transaction.CommitAsync();
        return CommandResult.Ok();
    }

    /// <summary>Each establishment's year, its word beside its young people's, with the small-group rule.</summary>
    public async Task<IReadOnlyList<EstablishmentFollowUp>> SideBySideAsync(int year, IReadOnlyList<PracticeView> practices)
    {
        var establishments = await db.Establishments.AsNoTracking().OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync();
        var said = await db.SelfAssessments.AsNoTracking().Where(a => a.Year == year).ToListAsync();
        var views = await db.YouthViews.AsNoTracking().Where(v => v.Year == year).Select(v => new { v.EstablishmentId, v.PracticeKey, v.Level }).ToListAsync();
        var answered = await db.YouthViewsTaken.AsNoTracking().Where(t => t.Year == year).GroupBy(t => t.EstablishmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return establishments.Select(e => new EstablishmentFollowUp(e.Id, e.Name, answered.GetValueOrDefault(e.Id),
            practices.Select(p =>
            {
                var own = said.FirstOrDefault(a => a.EstablishmentId == e.Id && a.PracticeKey == p.Key);
                return new SideBySide(p, own?.Level, own is { CommentHeld: false } ? own.Comment : null, own?.CommentHeld == true, LevelCounts.Of(views.Where(v => v.EstablishmentId == e.Id && v.PracticeKey == p.Key).Select(v => v.Level)));
            }).ToList())).ToList();
    }

    /// <summary>
    /// Across the département, the practices least in place according to young people. Only the
    /// establishments whose own figures may be shown count, under the same rule as each of them:
    /// otherwise the total minus the shown ones would give away a small group.
    /// </summary>
    public async Task<IReadOnlyList<DepartmentRow>> LeastInPlaceAsync(int year, IReadOnlyList<PracticeView> practices)
    {
        var views = await db.YouthViews.AsNoTracking().Where(v => v.Year == year).Select(v => new { v.EstablishmentId, v.PracticeKey, v.Level }).ToListAsync();
        var rows = new List<DepartmentRow>();
        foreach (var practice in practices)
        {
            var mine = views.Where(v => v.PracticeKey == practice.Key).ToList();
            var places = mine.GroupBy(v => v.EstablishmentId).ToList();
            var masks = SmallGroups.Mask(places.Select(g => g.Count()).ToList(), mine.Count);
            var counted = LevelCounts.Of(places.Where((_, i) => masks[i] == Masking.Shown).SelectMany(g => g.Select(v => v.Level)));
            if (counted.Total >= SmallGroups.Minimum)
            {
                rows.Add(new DepartmentRow(practice, counted));
            }
        }
        return rows.OrderBy(r => r.Young.Score).ThenByDescending(r => r.Young.NotYet).ToList();
    }
}
