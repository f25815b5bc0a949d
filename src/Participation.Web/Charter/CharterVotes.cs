using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

/// <summary>A vote or a comment kept, its words perhaps held for a person to read first; who wrote them says whom to call.</summary>
public sealed record KeptWords(bool Held, Writer Writer);

public sealed record ChoiceCounts(int Agree, int Disagree, int Change)
{
    public int Total => Agree + Disagree + Change;

    public static ChoiceCounts Of(IEnumerable<PracticeChoice> choices)
    {
        var list = choices.ToList();
        return new(list.Count(c => c == PracticeChoice.Agree), list.Count(c => c == PracticeChoice.Disagree), list.Count(c => c == PracticeChoice.Change));
    }
}

public sealed record GroupCounts(string Label, ChoiceCounts Counts, Masking Masking);

public sealed record AdultComment(string Who, string Text, DateTimeOffset At);

/// <summary>
/// One practice's votes: while the vote is open only how many there are (<see cref="All"/> is null);
/// once it has closed, the choices, with everything hidden under the small-group minimum and each
/// group by the same rule.
/// </summary>
public sealed record PracticeResult(
    PracticeView Practice, int Votes, ChoiceCounts? All, IReadOnlyList<GroupCounts> Bands, IReadOnlyList<GroupCounts> Establishments,
    IReadOnlyList<string> YoungComments, int HeldComments, IReadOnlyList<AdultComment> AdultComments)
{
    public bool Hidden => Votes < SmallGroups.Minimum;
}

/// <summary>
/// The young people's vote on a version in consultation, the adults' comments, and their results.
/// Only young members vote, only inside the window, once per practice, changing their mind until it
/// closes. Every comment is read by the detector first, like any text on the site.
/// </summary>
public sealed class CharterVotes(ParticipationDb db, Safeguard safeguard, SafetyCases cases, TimeProvider clock)
{
    public static string ChoiceLabel(PracticeChoice choice) => choice switch
    {
        PracticeChoice.Agree => "d'accord",
        PracticeChoice.Disagree => "pas d'accord",
        _ => "à changer",
    };

    /// <summary>The version put to the young people's vote, if there is one.</summary>
    public Task<CharterVersion?> InConsultationAsync() =>
        db.CharterVersions.AsNoTracking().Where(v => v.Status == CharterVersionStatus.Consultation).OrderByDescending(v => v.Number).FirstOrDefaultAsync();

    public async Task<IReadOnlyDictionary<int, PracticeVote>> MineAsync(int versionId, string memberId) =>
        await db.PracticeVotes.AsNoTracking()
            .Where(v => v.MemberId == memberId && db.CharterPractices.Any(p => p.Id == v.PracticeId && p.VersionId == versionId))
            .ToDictionaryAsync(v => v.PracticeId);

    public async Task<CommandResult<KeptWords>> VoteAsync(int practiceId, Actor voter, PracticeChoice? choice, string? comment)
    {
        if (voter.MemberId is not { } memberId || !voter.Roles.Contains(Roles.Young))
        {
            return CommandResult.Fail("", "Le vote sur la charte est réservé aux jeunes membres du Conseil.");
        }
        var member = await db.Users.AsNoTracking().Where(u => u.Id == memberId).Select(u => new { u.BirthYear, u.EstablishmentId, u.Pseudonym }).SingleAsync();
        var now = clock.GetUtcNow();
        var band = member.BirthYear is { } year ? AgeBands.ForBirthYear(year, FrenchDates.ToParis(now).Year) : null;
        var writer = band == AgeBand.From7To10 ? Writer.Child : Writer.Young;
        if (await WindowAsync(practiceId, now, tu: true) is { } closed)
        {
            return closed;
        }
        var errors = new Dictionary<string, string>();
        if (choice is null || !Enum.IsDefined(choice.Value))
        {
            errors["Choice"] = "Choisis « d'accord », « pas d'accord » ou « à changer ».";
        }
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text is { Length: > PracticeVote.CommentMaxLength })
        {
            errors["Comment"] = $"Ton commentaire est trop long : {PracticeVote.CommentMaxLength} caractères au plus (ici : {text.Length}).";
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }

        var screening = text is null ? null : safeguard.Screen(text, writer);
        if (screening is { Verdict: Verdict.PersonalDetails })
        {
            return CommandResult.Fail("Comment", writer == Writer.Child
                ? "N'écris pas ton numéro, ton adresse ni le nom de ton école ici. Enlève-les, puis envoie."
                : "Ne donne pas ton numéro, ton adresse, ni le nom de ton école ou de ton foyer ici : enlève-les de ton commentaire, puis envoie.");
        }
        var urgent = screening is { Verdict: Verdict.Urgent };
        var vote = await db.PracticeVotes.SingleOrDefaultAsync(v => v.PracticeId == practiceId && v.MemberId == memberId);
        var first = vote is null;
        // The same words sent again, with another choice, are already in front of the team, or were released by it.
        var before = urgent && !first ? await cases.HeldBeforeAsync(SafetyChannel.CharterComment, HeldCharterComments.VoteSourcePrefix(vote!.Id), text!) : HeldBefore.Never;
        var held = urgent && before != HeldBefore.Released;
        if (vote is null)
        {
            vote = new PracticeVote { PracticeId = practiceId, MemberId = memberId };
            db.PracticeVotes.Add(vote);
        }
        vote.Choice = choice!.Value;
        vote.Comment = text;
        vote.CommentHeld = held;
        vote.Band = band;
        vote.EstablishmentId = member.EstablishmentId;
        vote.At = now;

        var (saved, opened) = await SaveVoteAsync(vote, held && before == HeldBefore.Never
            ? () => new HeldText(SafetyChannel.CharterComment, HeldCharterComments.VoteSource(vote), "Commentaire avec un vote sur la charte", null, text!, memberId, member.Pseudonym)
            : null, screening);
        if (!saved)
        {
            // The same member voted twice at once from two screens: once the other vote is in, this one changes it.
            return first ? await VoteAsync(practiceId, voter, choice, comment) : throw new InvalidOperationException($"The vote of {memberId} on practice {practiceId} could not be changed.");
        }
        if (opened is not null)
        {
            await cases.AnnounceAsync(opened);
        }
        return CommandResult.Ok(new KeptWords(held, writer));
    }

    /// <summary>The vote, and the case its comment opens, in one transaction; false when another vote of the member's came first.</summary>
    private async Task<(bool Saved, SafetyCase? Opened)> SaveVoteAsync(PracticeVote vote, Func<HeldText>? held, Screening? screening)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (false, null);
        }
        SafetyCase? opened = null;
        if (held is not null)
        {
            opened = cases.Stage(held() with { OriginUrl = await ResultsUrlAsync(vote.PracticeId) }, screening!);
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        return (true, opened);
    }

    /// <summary>A professional's or an establishment representative's comment on a practice at the vote.</summary>
    public async Task<CommandResult<KeptWords>> CommentAsync(int practiceId, Actor author, string? text)
    {
        if (author.MemberId is not { } memberId || !author.Roles.Any(r => r is Roles.Professional or Roles.Establishment))
        {
            return CommandResult.Fail("", "Les commentaires sur la charte sont réservés aux professionnel·les et aux représentant·es des établissements.");
        }
        if (await WindowAsync(practiceId, clock.GetUtcNow(), tu: false) is { } closed)
        {
            return closed;
        }
        var words = text?.Trim() ?? "";
        if (words.Length is < 5 or > PracticeComment.TextMaxLength)
        {
            return CommandResult.Fail("Text", words.Length < 5
                ? "Écrivez votre commentaire, en quelques mots au moins."
                : $"Votre commentaire est trop long : {PracticeComment.TextMaxLength} caractères au plus (ici : {words.Length}).");
        }
        if (await db.PracticeComments.AnyAsync(c => c.PracticeId == practiceId && c.MemberId == memberId && c.Text == words))
        {
            // Sent twice: once is enough.
            return CommandResult.Ok(new KeptWords(false, Writer.Adult));
        }
        var screening = safeguard.Screen(words, Writer.Adult);
        var held = screening.Verdict == Verdict.Urgent;
        var comment = new PracticeComment { PracticeId = practiceId, MemberId = memberId, Text = words, Held = held, At = clock.GetUtcNow() };
        SafetyCase? opened = null;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.PracticeComments.Add(comment);
            await db.SaveChangesAsync();
            if (held)
            {
                var pseudonym = await db.Users.Where(u => u.Id == memberId).Select(u => u.Pseudonym).SingleAsync();
                opened = cases.Stage(new HeldText(SafetyChannel.CharterComment, $"comment:{comment.Id}", "Commentaire d'un adulte sur la charte",
                    await ResultsUrlAsync(practiceId), words, memberId, pseudonym), screening);
                await db.SaveChangesAsync();
            }
            await transaction.CommitAsync();
        }
        if (opened is not null)
        {
            await cases.AnnounceAsync(opened);
        }
        return CommandResult.Ok(new KeptWords(held, Writer.Adult));
    }

    /// <summary>How many young people voted on at least one practice of the version.</summary>
    public Task<int> VotersAsync(int versionId) =>
        db.PracticeVotes.Where(v => db.CharterPractices.Any(p => p.Id == v.PracticeId && p.VersionId == versionId)).Select(v => v.MemberId).Distinct().CountAsync();

    /// <summary>
    /// The votes and comments of a version, practice by practice, with the small-group rule. Until
    /// <paramref name="over"/>, only the number of votes and the adults' signed comments are read.
    /// </summary>
    public async Task<IReadOnlyList<PracticeResult>> ResultsAsync(int versionId, IReadOnlyList<PracticeView> practices, bool over)
    {
        var cast = db.PracticeVotes.AsNoTracking().Where(v => db.CharterPractices.Any(p => p.Id == v.PracticeId && p.VersionId == versionId));
        var votes = over
            ? await cast.Select(v => new { v.PracticeId, Choice = (PracticeChoice?)v.Choice, v.Band, v.EstablishmentId, v.Comment, v.CommentHeld }).ToListAsync()
            : await cast.Select(v => new { v.PracticeId, Choice = (PracticeChoice?)null, Band = (AgeBand?)null, EstablishmentId = (int?)null, Comment = (string?)null, v.CommentHeld }).ToListAsync();
        var establishments = await db.Establishments.AsNoTracking().OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync();
        var adults = await (
                from c in db.PracticeComments.AsNoTracking()
                join m in db.Users on c.MemberId equals m.Id
                where !c.Held && db.CharterPractices.Any(p => p.Id == c.PracticeId && p.VersionId == versionId)
                orderby c.At
                select new { c.PracticeId, c.Text, c.At, Place = m.Establishment == null ? null : m.Establishment.Name, IsEstablishment = db.UserRoles.Any(r => r.UserId == m.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Establishment)) })
            .ToListAsync();

        var bandGroups = AgeBands.All.Select(b => (Key: (AgeBand?)b, Label: b.Label())).Append((Key: null, Label: "âge non connu")).ToList();
        var placeGroups = establishments.Select(e => (Key: (int?)e.Id, Label: e.Name)).Append((Key: null, Label: "sans établissement renseigné")).ToList();
        var byPractice = votes.ToLookup(v => v.PracticeId);
        var results = new List<PracticeResult>();
        foreach (var practice in practices)
        {
            var mine = byPractice[practice.Id].ToList();
            var all = over ? ChoiceCounts.Of(mine.Select(v => v.Choice!.Value)) : null;
            results.Add(new PracticeResult(
                practice,
                mine.Count,
                all,
                all is null ? [] : Grouped(bandGroups.Select(g => (g.Label, ChoiceCounts.Of(mine.Where(v => v.Band == g.Key).Select(v => v.Choice!.Value)))).ToList(), all.Total),
                all is null ? [] : Grouped(placeGroups.Select(g => (g.Label, ChoiceCounts.Of(mine.Where(v => v.EstablishmentId == g.Key).Select(v => v.Choice!.Value)))).ToList(), all.Total),
                mine.Count < SmallGroups.Minimum ? [] : mine.Where(v => v.Comment is not null && !v.CommentHeld).Select(v => v.Comment!).ToList(),
                mine.Count(v => v.CommentHeld),
                adults.Where(a => a.PracticeId == practice.Id)
                    .Select(a => new AdultComment(a.IsEstablishment ? $"Direction de {a.Place}" : a.Place is null ? "Un·e professionnel·le" : $"Un·e professionnel·le de {a.Place}", a.Text, a.At))
                    .ToList()));
        }
        return results;
    }

    /// <summary>Groups with at least one vote, each shown only if the small-group rule allows it.</summary>
    private static List<GroupCounts> Grouped(IReadOnlyList<(string Label, ChoiceCounts Counts)> groups, int whole)
    {
        var masks = SmallGroups.Mask(groups.Select(g => g.Counts.Total).ToList(), whole);
        return groups.Select((g, i) => new GroupCounts(g.Label, g.Counts, masks[i])).Where(g => g.Counts.Total > 0).ToList();
    }

    /// <summary>Why the practice cannot take a vote or a comment now, or nothing when its window is open.</summary>
    private async Task<CommandResult?> WindowAsync(int practiceId, DateTimeOffset now, bool tu)
    {
        var version = await db.CharterPractices.AsNoTracking().Where(p => p.Id == practiceId)
            .Join(db.CharterVersions, p => p.VersionId, v => v.Id, (p, v) => v).SingleOrDefaultAsync();
        if (version is null)
        {
            return CommandResult.Fail("", "Cette pratique n'existe pas.");
        }
        if (version.VoteOpen(now))
        {
            return null;
        }
        if (version.Status == CharterVersionStatus.Consultation && now < version.VoteOpensAt)
        {
            return CommandResult.Fail("", $"Le vote sur la version {version.Number} de la charte n'est pas encore ouvert : il ouvre le {FrenchDates.Day(FrenchDates.ToParis(version.VoteOpensAt!.Value))}.");
        }
        if (version.VoteClosesAt is { } closed && now >= closed)
        {
            return CommandResult.Fail("", tu
                ? $"Le vote sur la version {version.Number} de la charte est fermé depuis le {FrenchDates.Day(FrenchDates.ToParis(closed))} : ton vote ne peut plus être ajouté ni changé."
                : $"La consultation sur la version {version.Number} de la charte est fermée depuis le {FrenchDates.Day(FrenchDates.ToParis(closed))}.");
        }
        return CommandResult.Fail("", $"La version {version.Number} de la charte n'est pas soumise au vote.");
    }

    private async Task<string> ResultsUrlAsync(int practiceId)
    {
        var practice = await db.CharterPractices.Where(p => p.Id == practiceId).Select(p => new { p.VersionId, p.Key }).SingleAsync();
        return string.Create(CultureInfo.InvariantCulture, $"/pilotage/charte/versions/{practice.VersionId}/resultats#pratique-{practice.Key}");
    }
}

/// <summary>A comment on the charter a moderator judged safe after all: it joins the results.</summary>
public sealed class HeldCharterComments(ParticipationDb db) : IHeldTextChannel
{
    public SafetyChannel Channel => SafetyChannel.CharterComment;

    public static string VoteSourcePrefix(int voteId) => string.Create(CultureInfo.InvariantCulture, $"vote:{voteId}:");

    /// <summary>A vote's comment held at a moment; the case releases it only while the vote still holds the same words.</summary>
    public static string VoteSource(PracticeVote vote) => string.Create(CultureInfo.InvariantCulture, $"{VoteSourcePrefix(vote.Id)}{vote.At.ToUnixTimeMilliseconds()}");

    /// <summary>An establishment's comment on a practice in its follow-up of a year, followed by the moment it was held.</summary>
    public static string AssessmentSource(int establishmentId, int year, int practiceKey) =>
        string.Create(CultureInfo.InvariantCulture, $"assessment:{establishmentId}:{year}:{practiceKey}:");

    public async Task<bool> PublishAsync(string sourceId)
    {
        var parts = sourceId.Split(':');
        var numbers = parts.Skip(1).Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).ToList();
        if (numbers.Count == 0 || numbers[0] is not { } id)
        {
            return false;
        }
        if (parts[0] == "comment")
        {
            return await db.PracticeComments.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.Held, false)) > 0;
        }
        // Words changed since they were held are not the ones the moderator read: this case does not release them.
        var words = await db.SafetyCases.Where(c => c.Channel == Channel && c.SourceId == sourceId).Select(c => c.Text).FirstOrDefaultAsync();
        if (words is null)
        {
            return false;
        }
        return parts[0] switch
        {
            "vote" => await db.PracticeVotes.Where(v => v.Id == id && v.CommentHeld && v.Comment == words)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.CommentHeld, false)) > 0,
            "assessment" when numbers is [_, { } year, { } key, _] => await db.SelfAssessments
                .Where(a => a.EstablishmentId == id && a.Year == year && a.PracticeKey == key && a.CommentHeld && a.Comment == words)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.CommentHeld, false)) > 0,
            _ => false,
        };
    }
}
