using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

/// <summary>
/// The life of the charter's versions: a draft made from the last version, its practices written
/// while it is a draft, a window in which young members vote, adoption that freezes it, and the
/// establishments' signatures. A refusal says why in French and writes nothing.
/// </summary>
public sealed partial class CharterVersions(ParticipationDb db, TimeProvider clock)
{
    /// <summary>Version N+1, a draft holding the practices of version N under the same keys; null with the reason when one is already being prepared.</summary>
    public async Task<(CharterVersion? Version, string? Refusal)> DraftNextAsync()
    {
        if (await db.CharterVersions.AsNoTracking().Where(v => v.Status != CharterVersionStatus.Adopted).FirstOrDefaultAsync() is { } open)
        {
            return (null, open.Status == CharterVersionStatus.Draft
                ? $"La version {open.Number} est encore en préparation : adoptez-la avant d'en commencer une autre."
                : $"La version {open.Number} est soumise au vote des jeunes : adoptez-la, une fois le vote fermé, avant d'en commencer une autre.");
        }
        var last = await db.CharterVersions.OrderByDescending(v => v.Number).FirstOrDefaultAsync();
        var draft = new CharterVersion { Number = (last?.Number ?? 0) + 1, Status = CharterVersionStatus.Draft, Intro = last?.Intro, CreatedAt = clock.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.CharterVersions.Add(draft);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Someone else started it a moment before.
            db.ChangeTracker.Clear();
            return (null, $"La version {draft.Number} est encore en préparation : adoptez-la avant d'en commencer une autre.");
        }
        if (last is not null)
        {
            var practices = await db.CharterPractices.AsNoTracking().Where(p => p.VersionId == last.Id).ToListAsync();
            var copies = practices.ToDictionary(p => p.Id, p => new CharterPractice
            {
                VersionId = draft.Id, Key = p.Key, Chapter = p.Chapter, Order = p.Order, Statement = p.Statement, EasyRead = p.EasyRead,
            });
            db.CharterPractices.AddRange(copies.Values);
            await db.SaveChangesAsync();
            var grounds = await db.PracticeGrounds.AsNoTracking().Where(g => copies.Keys.Contains(g.PracticeId)).ToListAsync();
            db.PracticeGrounds.AddRange(grounds.Select(g => new PracticeGround { PracticeId = copies[g.PracticeId].Id, Kind = g.Kind, SourceId = g.SourceId }));
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        return (draft, null);
    }

    /// <summary>A new practice in a draft, under a key never used before.</summary>
    public async Task<CommandResult<CharterPractice>> AddPracticeAsync(int versionId, Theme chapter, string? statement, string? easyRead)
    {
        var errors = Check(chapter, statement, easyRead);
        if (errors.Count > 0)
        {
            return await DraftAsync(versionId) ?? CommandResult.Fail(errors);
        }
        // A new key is the next one free; two added at the same moment take the next ones in turn.
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            if (await ClaimDraftAsync(versionId) is { } refusal)
            {
                return refusal;
            }
            var practice = new CharterPractice
            {
                VersionId = versionId,
                Key = (await db.CharterPractices.MaxAsync(p => (int?)p.Key) ?? 0) + attempt,
                Chapter = chapter,
                Order = (await db.CharterPractices.Where(p => p.VersionId == versionId && p.Chapter == chapter).MaxAsync(p => (int?)p.Order) ?? 0) + 1,
                Statement = statement!.Trim(),
                EasyRead = easyRead!.Trim(),
            };
            db.CharterPractices.Add(practice);
            try
            {
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return CommandResult.Ok(practice);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<CommandResult> RewordAsync(int practiceId, Theme chapter, string? statement, string? easyRead)
    {
        if (await db.CharterPractices.SingleOrDefaultAsync(p => p.Id == practiceId) is not { } practice)
        {
            return CommandResult.Fail("", "Cette pratique n'existe pas.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await ClaimDraftAsync(practice.VersionId) is { } refusal)
        {
            return refusal;
        }
        var errors = Check(chapter, statement, easyRead);
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }
        practice.Chapter = chapter;
        practice.Statement = statement!.Trim();
        practice.EasyRead = easyRead!.Trim();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Ok();
    }

    public async Task<CommandResult> RemovePracticeAsync(int practiceId)
    {
        if (await db.CharterPractices.SingleOrDefaultAsync(p => p.Id == practiceId) is not { } practice)
        {
            return CommandResult.Fail("", "Cette pratique n'existe pas.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await ClaimDraftAsync(practice.VersionId) is { } refusal)
        {
            return refusal;
        }
        db.CharterPractices.Remove(practice);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Ok();
    }

    /// <summary>Links a practice of a draft to a voice it comes from; grounds follow the practice from version to version.</summary>
    public async Task<CommandResult> AddGroundAsync(int practiceId, GroundKind? kind, int? sourceId)
    {
        if (await db.CharterPractices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == practiceId) is not { } practice)
        {
            return CommandResult.Fail("", "Cette pratique n'existe pas.");
        }
        if (await DraftAsync(practice.VersionId) is { } refusal)
        {
            return refusal;
        }
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            return CommandResult.Fail("GroundKind", "Choisissez d'où vient la pratique : une proposition, un témoignage ou une question.");
        }
        var exists = sourceId is { } id && kind switch
        {
            GroundKind.Proposal => await db.Proposals.AnyAsync(p => p.Id == id),
            GroundKind.Testimony => await db.Testimonies.AnyAsync(t => t.Id == id),
            _ => await db.Questions.AnyAsync(q => q.Id == id),
        };
        if (!exists)
        {
            return CommandResult.Fail("SourceId", kind switch
            {
                GroundKind.Proposal => $"Aucune proposition ne porte le numéro {sourceId}.",
                GroundKind.Testimony => $"Aucun témoignage ne porte le numéro {sourceId}.",
                _ => $"Aucune question ne porte le numéro {sourceId}.",
            });
        }
        if (await db.PracticeGrounds.AnyAsync(g => g.PracticeId == practice.Id && g.Kind == kind && g.SourceId == sourceId))
        {
            return CommandResult.Fail("SourceId", "Ce lien existe déjà pour cette pratique.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await ClaimDraftAsync(practice.VersionId) is { } late)
        {
            return late;
        }
        db.PracticeGrounds.Add(new PracticeGround { PracticeId = practice.Id, Kind = kind.Value, SourceId = sourceId!.Value });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Ok();
    }

    public async Task<CommandResult> RemoveGroundAsync(int practiceId, GroundKind kind, int sourceId)
    {
        if (await db.CharterPractices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == practiceId) is not { } practice)
        {
            return CommandResult.Fail("", "Cette pratique n'existe pas.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await ClaimDraftAsync(practice.VersionId) is { } refusal)
        {
            return refusal;
        }
        await db.PracticeGrounds.Where(g => g.PracticeId == practice.Id && g.Kind == kind && g.SourceId == sourceId).ExecuteDeleteAsync();
        await transaction.CommitAsync();
        return CommandResult.Ok();
    }

    /// <summary>Puts a draft to the young people's vote between two moments.</summary>
    public async Task<CommandResult> OpenVoteAsync(int versionId, DateTimeOffset? opensAt, DateTimeOffset? closesAt)
    {
        if (await DraftAsync(versionId) is { } refusal)
        {
            return refusal;
        }
        if (opensAt is null || closesAt is null || closesAt <= opensAt)
        {
            return CommandResult.Fail("VoteClosesAt", "Indiquez quand le vote ouvre et quand il ferme, la fermeture après l'ouverture.");
        }
        if (closesAt <= clock.GetUtcNow())
        {
            return CommandResult.Fail("VoteClosesAt", "La fermeture du vote est déjà passée : choisissez une date à venir.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await ClaimDraftAsync(versionId) is { } late)
        {
            return late;
        }
        if (!await db.CharterPractices.AnyAsync(p => p.VersionId == versionId))
        {
            return CommandResult.Fail("", "Cette version n'a encore aucune pratique : il n'y a rien à voter.");
        }
        var version = await db.CharterVersions.SingleAsync(v => v.Id == versionId);
        version.Status = CharterVersionStatus.Consultation;
        version.VoteOpensAt = opensAt;
        version.VoteClosesAt = closesAt;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Ok();
    }

    /// <summary>Freezes and publishes a version, once the young people's vote on it has closed.</summary>
    public async Task<CommandResult> AdoptAsync(int versionId, Actor staff)
    {
        if (await db.CharterVersions.SingleOrDefaultAsync(v => v.Id == versionId) is not { } version)
        {
            return CommandResult.Fail("", "Cette version n'existe pas.");
        }
        var now = clock.GetUtcNow();
        if (version.Status == CharterVersionStatus.Adopted)
        {
            return CommandResult.Fail("", $"La version {version.Number} est déjà adoptée.");
        }
        if (version.Status == CharterVersionStatus.Draft)
        {
            return CommandResult.Fail("", $"La version {version.Number} n'a pas encore été soumise au vote des jeunes : ouvrez d'abord le vote.");
        }
        if (now < version.VoteClosesAt)
        {
            return CommandResult.Fail("", $"Le vote des jeunes sur la version {version.Number} n'est pas fini : elle s'adopte après sa fermeture.");
        }
        if (!await db.CharterPractices.AnyAsync(p => p.VersionId == versionId))
        {
            return CommandResult.Fail("", "Une charte sans pratique ne s'adopte pas.");
        }
        version.Status = CharterVersionStatus.Adopted;
        version.AdoptedAt = now;
        version.AdoptedById = staff.MemberId;
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    /// <summary>An establishment's representative signs an adopted version for their own establishment, once.</summary>
    public async Task<CommandResult> SignAsync(int versionId, int establishmentId, Actor signer, string name)
    {
        if (await db.CharterVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId) is not { } version)
        {
            return CommandResult.Fail("", "Cette version n'existe pas.");
        }
        if (version.Status != CharterVersionStatus.Adopted)
        {
            return CommandResult.Fail("", $"La version {version.Number} n'est pas encore adoptée : on ne signe qu'une version adoptée.");
        }
        var representative = signer.MemberId is { } id && signer.Roles.Contains(Roles.Establishment)
            ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id)
            : null;
        if (representative?.EstablishmentId != establishmentId)
        {
            return CommandResult.Fail("", "Seul·e le ou la représentant·e de cet établissement peut signer pour lui.");
        }
        var signatory = name.Trim();
        if (signatory.Length is < 3 or > 120)
        {
            return CommandResult.Fail("Name", "Écrivez le nom et la fonction de la personne qui signe, en 3 à 120 caractères.");
        }
        // Printed on every certificate and never changed: a name and a function, nothing else.
        if (!SignatoryShape().IsMatch(signatory))
        {
            return CommandResult.Fail("Name", "Écrivez seulement le nom et la fonction de la personne qui signe, en lettres, par exemple « Claire Martin, directrice ».");
        }
        if (await db.Ratifications.AnyAsync(r => r.VersionId == versionId && r.EstablishmentId == establishmentId))
        {
            return CommandResult.Fail("", $"Votre établissement a déjà signé la version {version.Number}.");
        }
        var place = await db.Establishments.AsNoTracking().SingleAsync(e => e.Id == establishmentId);
        db.Ratifications.Add(new Ratification
        {
            VersionId = versionId, EstablishmentId = establishmentId, SignedById = representative.Id, SignedByName = signatory, SignedAt = clock.GetUtcNow(),
            EstablishmentName = place.Name, EstablishmentTown = place.Town,
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return CommandResult.Fail("", $"Votre établissement a déjà signé la version {version.Number}.");
        }
        return CommandResult.Ok();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\p{L}[\p{L}\p{M} '’.,-]*$")]
    private static partial System.Text.RegularExpressions.Regex SignatoryShape();

    /// <summary>
    /// Inside a transaction, holds the version as a draft until it commits: a change to its practices
    /// and the opening of its vote, made at the same moment, take turns, so that no practice changes
    /// under a vote already open. The refusal when it is no longer a draft.
    /// </summary>
    private async Task<CommandResult?> ClaimDraftAsync(int versionId) =>
        await db.CharterVersions.Where(v => v.Id == versionId && v.Status == CharterVersionStatus.Draft)
            .ExecuteUpdateAsync(set => set.SetProperty(v => v.Status, CharterVersionStatus.Draft)) == 1
            ? null
            : await DraftAsync(versionId) ?? CommandResult.Fail("", "Cette version vient de changer : rechargez la page.");

    private async Task<CommandResult?> DraftAsync(int versionId) =>
        await db.CharterVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId) switch
        {
            null => CommandResult.Fail("", "Cette version n'existe pas."),
            { Status: CharterVersionStatus.Draft } => null,
            { Status: CharterVersionStatus.Adopted } version => CommandResult.Fail("", $"La version {version.Number} est adoptée : elle ne change plus. Préparez la version suivante."),
            var version => CommandResult.Fail("", $"La version {version!.Number} est soumise au vote des jeunes : ses pratiques ne changent plus pendant le vote."),
        };

    private static Dictionary<string, string> Check(Theme chapter, string? statement, string? easyRead)
    {
        var errors = new Dictionary<string, string>();
        if (!CharterChapters.All.Contains(chapter))
        {
            errors["Chapter"] = "Choisissez un des chapitres de la charte.";
        }
        if (statement?.Trim() is not { Length: >= 10 and <= CharterPractice.StatementMaxLength })
        {
            errors["Statement"] = $"La pratique s'écrit en une phrase claire, de 10 à {CharterPractice.StatementMaxLength} caractères.";
        }
        if (easyRead?.Trim() is not { Length: >= 5 and <= CharterPractice.EasyReadMaxLength })
        {
            errors["EasyRead"] = $"La version facile à lire est obligatoire, de 5 à {CharterPractice.EasyReadMaxLength} caractères.";
        }
        return errors;
    }
}
