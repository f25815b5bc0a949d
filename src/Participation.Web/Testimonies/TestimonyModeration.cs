using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Media;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>What moderators do with a testimony, each step checked against consent and safety.</summary>
public sealed class TestimonyModeration(
    ParticipationDb db, MediaStore store, PhotoProcessor photos, Safeguard safeguard, SafetyCases cases, TimeProvider clock)
{
    public Task<Testimony?> FindAsync(int id) =>
        db.Testimonies.Include(t => t.Media).Include(t => t.Campaign).SingleOrDefaultAsync(t => t.Id == id);

    /// <summary>
    /// The moderator's transcript and the photo's description, screened like every text. The words are
    /// read again on every save: a personal detail stays flagged until it is taken out, or until the
    /// moderator attests (<paramref name="detailsChecked"/>) that what was found identifies no one.
    /// </summary>
    public async Task<CommandResult> SaveWordsAsync(int id, string? text, string? transcript, string? alt, Theme themes, Actor moderator, bool detailsChecked = false)
    {
        if (await FindAsync(id) is not { } testimony || testimony.Status == TestimonyStatus.Withdrawn)
        {
            return Gone;
        }
        var errors = new Dictionary<string, string>();
        text = Clean(text);
        transcript = Clean(transcript);
        if (text is { Length: > Testimony.TextMaxLength })
        {
            errors["Text"] = $"Le texte est trop long : {text.Length} caractères, pour {Testimony.TextMaxLength} au plus.";
        }
        if (text is null && testimony.Text is not null)
        {
            errors["Text"] = "Le texte ne peut pas être vidé : retirez seulement le détail personnel, ou gardez le témoignage pour le schéma.";
        }
        alt = Clean(alt);
        if (transcript is { Length: > Testimony.TranscriptMaxLength })
        {
            errors["Transcript"] = $"La transcription est trop longue : {transcript.Length} caractères, pour {Testimony.TranscriptMaxLength} au plus.";
        }
        if (alt is { Length: > Testimony.AltMaxLength })
        {
            errors["PhotoAlt"] = $"La description de la photo est trop longue : {alt.Length} caractères, pour {Testimony.AltMaxLength} au plus.";
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }
        var transcriptChanged = transcript != testimony.Transcript;
        var textChanged = testimony.Text is not null && text != testimony.Text;
        // The moderator may take a personal detail out of the person's words, never add to them.
        if (testimony.Text is not null)
        {
            testimony.Text = text;
        }
        testimony.Transcript = testimony.Media.Any(m => m.Kind is MediaKind.Voice or MediaKind.DisguisedVoice) || testimony.MediaDeletedAt is not null ? transcript : null;
        testimony.PhotoAlt = testimony.Media.Any(m => m.Kind == MediaKind.Photo) || testimony.MediaDeletedAt is not null ? alt : null;
        testimony.Themes = themes == Theme.None ? testimony.Campaign!.Theme : themes;
        testimony.ModeratedById = moderator.MemberId;
        SafetyCase? opened = null;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var words = string.Join("\n", new[] { testimony.Text, testimony.Transcript }.Where(w => w is not null));
        var writer = TestimonyRules.Writer(testimony.Speaker, testimony.AgeBand);
        var screening = safeguard.Screen(words, writer);
        if (!testimony.HeldForSafety)
        {
            // The same rule as at intake: a young person's detail waits for a person.
            testimony.PersonalDetails = !detailsChecked && screening.Report.HasPersonalDetails && writer is Writer.Child or Writer.Young;
        }
        if ((transcriptChanged || textChanged) && words.Length > 0 && !testimony.HeldForSafety)
        {
            if (screening.Verdict == Verdict.Urgent)
            {
                // Words heard in a recording are read like words typed: a risk holds it and opens a case.
                testimony.HeldForSafety = true;
                if (testimony.Status == TestimonyStatus.Published)
                {
                    testimony.Status = TestimonyStatus.Pending;
                }
                opened = cases.Stage(new HeldText(SafetyChannel.Testimony, testimony.Id.ToString(CultureInfo.InvariantCulture),
                    $"Micro-trottoir « {testimony.Campaign!.Title} », {TestimonyWords.Speaker(testimony)}, {(transcriptChanged ? "transcription" : "texte relu")}",
                    $"/pilotage/micro-trottoirs/temoignages/{testimony.Id}", words, testimony.MemberId, testimony.Pseudonym), screening);
            }
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        if (opened is not null)
        {
            await cases.AnnounceAsync(opened);
        }
        return CommandResult.Ok();
    }

    /// <summary>The facilitator attests a guardian's agreement for a member under 15 who answered alone.</summary>
    public async Task<CommandResult> RecordGuardianAsync(int id, string? who, GuardianChannel? how, DateTimeOffset? at, Actor staff)
    {
        if (await FindAsync(id) is not { } testimony || testimony.Status == TestimonyStatus.Withdrawn)
        {
            return Gone;
        }
        if (!testimony.NeedsGuardian())
        {
            return CommandResult.Fail("Guardian", "Cette personne a 15 ans ou plus : l'accord d'un représentant légal n'est pas demandé.");
        }
        if (string.IsNullOrWhiteSpace(who) || how is null || at is null)
        {
            return CommandResult.Fail("Guardian", "Indiquez qui a donné l'accord, comment et quand.");
        }
        if (who.Trim().Length > Testimony.GuardianMaxLength)
        {
            return CommandResult.Fail("Guardian", $"Qui a donné l'accord : {Testimony.GuardianMaxLength} caractères au plus.");
        }
        if (at > clock.GetUtcNow().AddMinutes(5))
        {
            return CommandResult.Fail("Guardian", "La date de l'accord est dans le futur : indiquez quand il a été donné.");
        }
        testimony.GuardianWho = who.Trim();
        testimony.GuardianHow = how;
        testimony.GuardianAt = at;
        testimony.GuardianRecordedById = staff.MemberId;
        // Its words may be on the wall, but its voice and photo were never read for publication:
        // a moderator looks again (description, blur) before they go out.
        if (testimony.Status == TestimonyStatus.Published && (testimony.Voice != VoiceConsent.NotPublic || testimony.PhotoPublic))
        {
            testimony.Status = TestimonyStatus.Pending;
            testimony.ModerationReason = "Accord du représentant légal enregistré : relire la voix et la photo avant de les publier.";
        }
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    /// <summary>Blurs areas of the photo; the unblurred file is deleted at once.</summary>
    public async Task<CommandResult> BlurAsync(int id, IReadOnlyList<BlurArea> areas)
    {
        if (await FindAsync(id) is not { } testimony || testimony.Status == TestimonyStatus.Withdrawn)
        {
            return Gone;
        }
        if (testimony.Media.FirstOrDefault(m => m.Kind == MediaKind.Photo) is not { } photo || store.PathOf(photo.FileName) is not { } path)
        {
            return CommandResult.Fail("Blur", "Ce témoignage n'a pas de photo.");
        }
        var valid = areas.Where(a => a.IsValid).ToList();
        if (valid.Count == 0)
        {
            return CommandResult.Fail("Blur", "Dessinez sur la photo au moins une zone à flouter.");
        }
        var blurred = await photos.BlurAsync(path, valid);
        string? newName = null;
        try
        {
            newName = store.Keep(blurred.WorkingPath, blurred.Extension);
            var former = photo.FileName;
            photo.FileName = newName;
            photo.Length = blurred.Length;
            photo.Blurred = true;
            await db.SaveChangesAsync();
            newName = null;
            store.Delete(former);
        }
        finally
        {
            MediaStore.DeleteQuietly(blurred.WorkingPath);
            if (newName is not null)
            {
                store.Delete(newName);
            }
        }
        return CommandResult.Ok();
    }

    public async Task<CommandResult> PublishAsync(int id, Actor moderator)
    {
        if (await FindAsync(id) is not { } testimony || testimony.Status == TestimonyStatus.Withdrawn)
        {
            return Gone;
        }
        if (testimony.HeldForSafety)
        {
            return CommandResult.Fail("", "Ce témoignage est retenu par un cas urgent : il ne peut être publié que depuis son cas, dans la file des urgences.");
        }
        if (testimony.PersonalDetails)
        {
            return CommandResult.Fail("Text", "Un détail personnel est encore repéré dans les mots de ce·tte jeune : retirez-le du texte ou de la transcription et enregistrez, ou cochez « Relu » si ce qui a été repéré ne permet de retrouver personne.");
        }
        var errors = new Dictionary<string, string>();
        var hasVoice = testimony.Media.Any(m => m.Kind is MediaKind.Voice or MediaKind.DisguisedVoice);
        var hasPhoto = testimony.Media.Any(m => m.Kind == MediaKind.Photo);
        // A voice that will be heard now needs its words written; one that waits for a guardian gets them when it goes out.
        if (hasVoice && testimony.PublicVoiceKind() is not null && string.IsNullOrWhiteSpace(testimony.Transcript))
        {
            errors["Transcript"] = "Écrivez la transcription de l'enregistrement avant de publier : sans elle, une personne sourde ou malentendante n'y a pas accès.";
        }
        // Described even while a guardian's agreement is awaited: the photo may go out the moment it is given.
        if (hasPhoto && testimony.PhotoPublic && string.IsNullOrWhiteSpace(testimony.PhotoAlt))
        {
            errors["PhotoAlt"] = "Décrivez la photo avant de publier : la description est lue à la place de l'image.";
        }
        var shown = (testimony.TextPublic && testimony.Text is not null)
            || (testimony.PublicVoiceKind() is not null && hasVoice)
            || (hasPhoto && testimony.PhotoMayBePublic());
        if (!shown)
        {
            errors[""] = testimony.GuardianMissing() && (testimony.Voice != VoiceConsent.NotPublic || testimony.PhotoPublic)
                ? "Rien ne peut encore être publié : la voix et la photo attendent l'accord du représentant légal. Enregistrez-le, ou gardez le témoignage pour le schéma."
                : "Rien de ce témoignage ne peut être publié d'après le consentement : gardez-le pour le schéma.";
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }
        var now = clock.GetUtcNow();
        testimony.Status = TestimonyStatus.Published;
        testimony.PublishedAt ??= now;
        testimony.ModeratedById = moderator.MemberId;
        testimony.ModerationReason = null;
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    public async Task<CommandResult> SetAsideAsync(int id, TestimonyStatus to, string? reason, Actor moderator)
    {
        if (to is not (TestimonyStatus.KeptPrivate or TestimonyStatus.Rejected or TestimonyStatus.Pending))
        {
            throw new ArgumentOutOfRangeException(nameof(to));
        }
        if (await FindAsync(id) is not { } testimony || testimony.Status == TestimonyStatus.Withdrawn)
        {
            return Gone;
        }
        reason = Clean(reason);
        if (to == TestimonyStatus.Rejected && reason is null)
        {
            return CommandResult.Fail("Reason", "Dites pourquoi ce témoignage est écarté : la raison reste dans le dossier de l'équipe.");
        }
        if (reason is { Length: > Testimony.ReasonMaxLength })
        {
            return CommandResult.Fail("Reason", $"La raison : {Testimony.ReasonMaxLength} caractères au plus.");
        }
        testimony.Status = to;
        testimony.ModerationReason = reason;
        testimony.ModeratedById = moderator.MemberId;
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    private static CommandResult Gone => CommandResult.Fail("", "Ce témoignage n'existe plus : la personne l'a peut-être retiré.");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");
}

/// <summary>Takes a testimony back for the person who gave it, with their code: every word and file of it is deleted.</summary>
public sealed class TestimonyWithdrawal(ParticipationDb db, MediaStore store, TimeProvider clock, ILogger<TestimonyWithdrawal> logger)
{
    /// <summary>The testimonies the code opens, still standing (one, unless someone reused a code); none for a wrong code or one already used.</summary>
    public async Task<IReadOnlyList<Testimony>> FindAsync(string? typed)
    {
        if (WithdrawalCodes.Normalise(typed) is not { } code)
        {
            return [];
        }
        var hash = WithdrawalCodes.Hash(code);
        return await db.Testimonies.Include(t => t.Campaign).Include(t => t.Media)
            .Where(t => t.WithdrawalCodeHash == hash && t.Status != TestimonyStatus.Withdrawn)
            .OrderBy(t => t.Id).ToListAsync();
    }

    public async Task<bool> WithdrawAsync(string? typed)
    {
        var found = await FindAsync(typed);
        foreach (var testimony in found)
        {
            await EraseAsync(testimony);
        }
        return found.Count > 0;
    }

    /// <summary>
    /// Deletes the words, the files and anything that could point to the person; what remains says
    /// only that a testimony was withdrawn, so a proposal drawn from it can say so.
    /// </summary>
    public async Task EraseAsync(Testimony testimony)
    {
        var files = testimony.Media.Select(m => m.FileName).ToList();
        testimony.Status = TestimonyStatus.Withdrawn;
        testimony.WithdrawnAt = clock.GetUtcNow();
        testimony.Text = null;
        testimony.Transcript = null;
        testimony.PhotoAlt = null;
        testimony.Pseudonym = null;
        testimony.MemberId = null;
        // Nothing left points to the person: not their account, nor the id their phone gave the answer.
        if (!testimony.FieldMode)
        {
            testimony.CollectedById = null;
        }
        testimony.ClientId = Guid.NewGuid();
        testimony.GuardianWho = null;
        testimony.ModerationReason = null;
        testimony.TextPublic = false;
        testimony.PhotoPublic = false;
        testimony.Voice = VoiceConsent.NotPublic;
        db.TestimonyMedia.RemoveRange(testimony.Media);
        await db.SaveChangesAsync();
        foreach (var file in files)
        {
            try
            {
                store.Delete(file);
            }
            catch (IOException fault)
            {
                logger.LogError(fault, "A withdrawn testimony's file {File} could not be deleted.", file);
            }
        }
    }
}

/// <summary>A held testimony a moderator judged safe: back in the moderation queue, never published straight away.</summary>
public sealed class HeldTestimonies(ParticipationDb db) : IHeldTextChannel
{
    public SafetyChannel Channel => SafetyChannel.Testimony;

    public async Task<bool> PublishAsync(string sourceId)
    {
        if (!int.TryParse(sourceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }
        return await db.Testimonies.Where(t => t.Id == id && t.Status != TestimonyStatus.Withdrawn)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.HeldForSafety, false)) == 1;
    }
}
