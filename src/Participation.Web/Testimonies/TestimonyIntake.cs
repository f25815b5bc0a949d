using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Media;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Testimonies;

/// <summary>One answer as the phone sends it. Files are already in the media working folder.</summary>
public sealed record TestimonyInput
{
    public Guid ClientId { get; init; }
    public string? WithdrawalCode { get; init; }
    public string? Text { get; init; }
    public string? Transcript { get; init; }

    /// <summary>In « mode terrain », who the facilitator is collecting from.</summary>
    public Speaker? Speaker { get; init; }
    public AgeBand? AgeBand { get; init; }
    public bool SignWithPseudonym { get; init; }

    public bool ConsentGiven { get; init; }
    public string? ConsentVersion { get; init; }
    public DateTimeOffset? CollectedAt { get; init; }
    public bool NothingPublic { get; init; }
    public bool? TextPublic { get; init; }
    public VoiceConsent? Voice { get; init; }
    public bool? PhotoPublic { get; init; }

    public string? GuardianWho { get; init; }
    public GuardianChannel? GuardianHow { get; init; }
    public DateTimeOffset? GuardianAt { get; init; }

    public string? VoicePath { get; init; }
    public string? PhotoPath { get; init; }
    public bool FieldMode { get; init; }
}

/// <summary>What the phone is told: received (once, whatever the retries), or why not, field by field.</summary>
public sealed record IntakeResult(IReadOnlyDictionary<string, string> Errors)
{
    public bool Received => Errors.Count == 0;
    public int? TestimonyId { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>True when this answer had already arrived: the retry changed nothing.</summary>
    public bool AlreadyReceived { get; init; }

    /// <summary>The code made by the site when the phone sent none (a page without script): shown once.</summary>
    public string? NewWithdrawalCode { get; init; }

    /// <summary>True when this member already has an answer being processed: the phone tries again in a moment.</summary>
    public bool Busy { get; init; }

    public static IntakeResult Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// One answer of each member is made safe at a time: a phone sends its answers one after another
/// anyway, a retry waits for the send it repeats and then finds it stored, and one account cannot
/// fill every processing slot. A member whose answers keep arriving faster is told to try again.
/// </summary>
public sealed class IntakeInFlight(Infrastructure.SharedRedis redis) : Participation.Web.Shared.MemberTurns(redis);

/// <summary>
/// Receives testimonies: checks who may answer and what they agreed to, makes every file safe,
/// screens the words, and stores it all in one transaction, once per answer id. A refusal stores
/// nothing, not even a file.
/// </summary>
public sealed class TestimonyIntake(
    ParticipationDb db, PhotoProcessor photos, AudioProcessor audio, MediaStore store, MediaGate gate, IntakeInFlight inFlight, Safeguard safeguard, SafetyCases cases,
    IOptions<TestimoniesOptions> options, TimeProvider clock, ILogger<TestimonyIntake> logger)
{
    public async Task<IntakeResult> ReceiveAsync(Campaign campaign, TestimonyInput input, Member collector, IReadOnlyList<string> roles, CancellationToken cancellation = default)
    {
        using var turn = await inFlight.EnterAsync(collector.Id, cancellation);
        if (turn is null)
        {
            return new IntakeResult(new Dictionary<string, string> { [""] = "D'autres réponses de ce compte sont en cours de traitement : celle-ci attend sur le téléphone et partira dans un instant." }) { Busy = true };
        }
        return await ReceiveOneAsync(campaign, input, collector, roles, cancellation);
    }

    private async Task<IntakeResult> ReceiveOneAsync(Campaign campaign, TestimonyInput input, Member collector, IReadOnlyList<string> roles, CancellationToken cancellation)
    {
        if (input.ClientId == Guid.Empty)
        {
            return IntakeResult.Refused("", "Cette réponse n'a pas d'identifiant : recharge la page et envoie-la à nouveau.");
        }
        if (await ExistingAsync(input.ClientId) is { } existing)
        {
            return existing.CollectedById == collector.Id && existing.CampaignId == campaign.Id
                ? new IntakeResult(new Dictionary<string, string>()) { TestimonyId = existing.Id, ReceivedAt = existing.ReceivedAt, AlreadyReceived = true }
                : IntakeResult.Refused("", "Cette réponse a déjà été reçue.");
        }

        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string>();
        var (speaker, band) = Who(input, collector, roles, now, errors);
        Check(campaign, input, speaker, band, now, errors);
        if (errors.Count > 0)
        {
            return new IntakeResult(errors);
        }

        var code = WithdrawalCodes.Normalise(input.WithdrawalCode);
        if (code is null && !string.IsNullOrWhiteSpace(input.WithdrawalCode))
        {
            return IntakeResult.Refused("", "Le code de retrait de cette réponse est mal formé : recharge la page et enregistre-la à nouveau.");
        }
        var newCode = code is null ? WithdrawalCodes.Generate() : null;
        code ??= WithdrawalCodes.Normalise(newCode)!;

        // Files are made safe first, outside any transaction; nothing is kept if anything is refused.
        var processed = new List<(MediaKind Kind, ProcessedFile File)>();
        var kept = new List<string>();
        IDisposable? slot = null;
        if (input.VoicePath is not null || input.PhotoPath is not null)
        {
            slot = await gate.TryEnterAsync(MediaGate.LongestWait, cancellation);
            if (slot is null)
            {
                return new IntakeResult(new Dictionary<string, string> { [""] = "Le site traite beaucoup d'enregistrements et de photos en ce moment : cette réponse attend sur le téléphone et partira dans un instant." }) { Busy = true };
            }
        }
        try
        {
            if (input.VoicePath is not null)
            {
                var voice = await audio.ProcessAsync(input.VoicePath, disguise: input.Voice == VoiceConsent.Disguised, cancellation);
                if (voice.Refused)
                {
                    return IntakeResult.Refused("Voice", voice.Error!);
                }
                processed.Add((input.Voice == VoiceConsent.Disguised ? MediaKind.DisguisedVoice : MediaKind.Voice, voice.Files[0]));
            }
            if (input.PhotoPath is not null)
            {
                var photo = await photos.ProcessAsync(input.PhotoPath, cancellation);
                if (photo.Refused)
                {
                    return IntakeResult.Refused("Photo", photo.Error!);
                }
                processed.Add((MediaKind.Photo, photo.Files[0]));
            }
            slot?.Dispose();

            var testimony = new Testimony
            {
                CampaignId = campaign.Id,
                ClientId = input.ClientId,
                WithdrawalCodeHash = WithdrawalCodes.Hash(code),
                Speaker = speaker!.Value,
                AgeBand = band,
                MemberId = input.FieldMode ? null : collector.Id,
                Pseudonym = !input.FieldMode && input.SignWithPseudonym ? collector.Pseudonym : null,
                CollectedById = collector.Id,
                FieldMode = input.FieldMode,
                Text = Clean(input.Text),
                Transcript = input.VoicePath is null ? null : Clean(input.Transcript),
                Themes = campaign.Theme,
                ConsentVersion = ConsentText.CurrentVersion,
                TextPublic = !input.NothingPublic && input.TextPublic == true && Clean(input.Text) is not null,
                Voice = input.NothingPublic || input.VoicePath is null ? VoiceConsent.NotPublic : input.Voice ?? VoiceConsent.NotPublic,
                PhotoPublic = !input.NothingPublic && input.PhotoPath is not null && input.PhotoPublic == true,
                Status = TestimonyStatus.Pending,
                ReceivedAt = now,
            };
            testimony.GuardianNeeded = input.FieldMode
                ? TestimonyRules.NeedsGuardian(speaker.Value, band)
                : speaker == Speaker.Young && collector.BirthYear is { } year && TestimonyRules.MayBeUnder15(year, now.Year);
            if (input.FieldMode && testimony.GuardianNeeded)
            {
                testimony.GuardianWho = input.GuardianWho!.Trim();
                testimony.GuardianHow = input.GuardianHow;
                testimony.GuardianAt = input.GuardianAt;
                testimony.GuardianRecordedById = collector.Id;
            }

            var writer = TestimonyRules.Writer(speaker.Value, band);
            var screening = safeguard.Screen(string.Join("\n", new[] { testimony.Text, testimony.Transcript }.Where(t => t is not null)), writer);
            testimony.HeldForSafety = screening.Verdict == Verdict.Urgent;
            testimony.PersonalDetails = screening.Verdict == Verdict.PersonalDetails || (screening.Report.HasPersonalDetails && writer is Writer.Child or Writer.Young);

            foreach (var (kind, file) in processed)
            {
                var name = store.Keep(file.WorkingPath, file.Extension);
                kept.Add(name);
                testimony.Media.Add(new TestimonyMedia
                {
                    Kind = kind, FileName = name, ContentType = file.ContentType, Length = file.Length, CreatedAt = now,
                    DurationSeconds = file.Duration is { } d ? (int)Math.Ceiling(d.TotalSeconds) : null,
                    Width = file.Width, Height = file.Height,
                });
            }

            SafetyCase? opened = null;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellation))
            {
                db.Testimonies.Add(testimony);
                await db.SaveChangesAsync(cancellation);
                if (testimony.HeldForSafety)
                {
                    opened = cases.Stage(new HeldText(
                        SafetyChannel.Testimony,
                        testimony.Id.ToString(CultureInfo.InvariantCulture),
                        $"Micro-trottoir « {campaign.Title} », {TestimonyWords.Speaker(testimony)}{(input.FieldMode ? ", recueilli en mode terrain" : "")}",
                        $"/pilotage/micro-trottoirs/temoignages/{testimony.Id}",
                        string.Join("\n", new[] { testimony.Text, testimony.Transcript }.Where(t => t is not null)),
                        testimony.MemberId, testimony.Pseudonym ?? (testimony.MemberId is null ? null : collector.Pseudonym)), screening);
                    await db.SaveChangesAsync(cancellation);
                }
                await transaction.CommitAsync(cancellation);
            }
            kept.Clear();
            if (opened is not null)
            {
                await cases.AnnounceAsync(opened);
            }
            return new IntakeResult(new Dictionary<string, string>()) { TestimonyId = testimony.Id, ReceivedAt = now, NewWithdrawalCode = newCode };
        }
        catch (DbUpdateException fault)
        {
            db.ChangeTracker.Clear();
            if (await ExistingAsync(input.ClientId) is not { } raced)
            {
                throw;
            }
            // The same answer arrived twice at once: the other request stored it.
            logger.LogInformation(fault, "Testimony {ClientId} arrived twice at once; stored once.", input.ClientId);
            return raced.CollectedById == collector.Id && raced.CampaignId == campaign.Id
                ? new IntakeResult(new Dictionary<string, string>()) { TestimonyId = raced.Id, ReceivedAt = raced.ReceivedAt, AlreadyReceived = true }
                : IntakeResult.Refused("", "Cette réponse a déjà été reçue.");
        }
        finally
        {
            slot?.Dispose();
            foreach (var name in kept)
            {
                store.Delete(name);
            }
            foreach (var (_, file) in processed)
            {
                MediaStore.DeleteQuietly(file.WorkingPath);
            }
        }
    }

    private Task<Testimony?> ExistingAsync(Guid clientId) =>
        db.Testimonies.AsNoTracking().Where(t => t.ClientId == clientId).FirstOrDefaultAsync();

    /// <summary>Who is speaking: the member themselves, or the person the facilitator declares.</summary>
    private static (Speaker? Speaker, AgeBand? Band) Who(TestimonyInput input, Member collector, IReadOnlyList<string> roles, DateTimeOffset now, Dictionary<string, string> errors)
    {
        if (input.FieldMode)
        {
            if (input.Speaker is null)
            {
                errors["Speaker"] = "Indiquez qui parle : un·e jeune (avec sa tranche d'âge), un parent ou un·e professionnel·le.";
                return (null, null);
            }
            if (input.Speaker == Speaker.Young && input.AgeBand is null)
            {
                errors["AgeBand"] = "Indiquez la tranche d'âge du ou de la jeune : elle décide de l'accord à recueillir et de ce que dit le mur.";
                return (null, null);
            }
            return (input.Speaker, input.Speaker == Speaker.Young ? input.AgeBand : null);
        }
        var (speaker, band) = TestimonyRules.SpeakerOf(roles.Contains, collector.BirthYear, now.Year);
        if (speaker is not null)
        {
            return (speaker, band);
        }
        errors[""] = "Ce micro-trottoir recueille la parole des jeunes, des parents et des professionnel·les. Pour recueillir celle d'une autre personne, passez en mode terrain.";
        return (null, null);
    }

    private void Check(Campaign campaign, TestimonyInput input, Speaker? speaker, AgeBand? band, DateTimeOffset now, Dictionary<string, string> errors)
    {
        if (speaker is null)
        {
            return;
        }
        var collected = input.CollectedAt is { } at && at <= now ? at : now;
        var late = options.Value.LateArrival;
        if (now < campaign.OpensAt || collected >= campaign.EndsAt || now >= campaign.EndsAt + late)
        {
            errors[""] = now < campaign.OpensAt
                ? $"Ce micro-trottoir ouvre le {Infrastructure.FrenchDates.Day(campaign.OpensAt)}."
                : $"Ce micro-trottoir est terminé depuis le {Infrastructure.FrenchDates.Day(campaign.EndsAt)} : il ne reçoit plus de réponses.";
            return;
        }
        if (!TestimonyRules.InAudience(campaign, speaker.Value, band))
        {
            errors[input.FieldMode ? "Speaker" : ""] = input.FieldMode
                ? $"Cette question est posée {TestimonyWords.AudienceTo(campaign)} : cette personne n'en fait pas partie."
                : $"Cette question est posée {TestimonyWords.AudienceTo(campaign)}.";
            return;
        }
        // A young person answering for themselves is spoken to with « tu »; a facilitator or an adult with « vous ».
        var young = !input.FieldMode && speaker == Speaker.Young;
        string T(string tu, string vous) => young ? tu : vous;
        var text = Clean(input.Text);
        if (text is null && input.VoicePath is null && input.PhotoPath is null)
        {
            errors["Text"] = input.FieldMode
                ? "Le témoignage est vide : écrivez un texte, enregistrez la voix ou prenez une photo."
                : "Ton témoignage est vide : écris un texte, enregistre ta voix ou prends une photo.";
        }
        if (text is { Length: > Testimony.TextMaxLength })
        {
            errors["Text"] = T($"Ton texte est trop long : {text.Length} caractères, pour {Testimony.TextMaxLength} au plus. Enlève-en {text.Length - Testimony.TextMaxLength}.",
                $"Le texte est trop long : {text.Length} caractères, pour {Testimony.TextMaxLength} au plus. Il en faut {text.Length - Testimony.TextMaxLength} de moins.");
        }
        if (Clean(input.Transcript) is { Length: > Testimony.TranscriptMaxLength } transcript)
        {
            errors["Transcript"] = $"La transcription est trop longue : {transcript.Length} caractères, pour {Testimony.TranscriptMaxLength} au plus.";
        }
        if (!input.ConsentGiven || input.ConsentVersion != ConsentText.CurrentVersion)
        {
            errors["Consent"] = input.ConsentGiven
                ? "Le texte de consentement a changé depuis que la page a été ouverte : relisez-le avec la personne et envoyez à nouveau."
                : input.FieldMode
                    ? "Le consentement manque : lisez le texte avec la personne, puis cochez qu'elle est d'accord."
                    : T("Le consentement manque : lis le texte, puis coche que tu es d'accord.", "Le consentement manque : lisez le texte, puis cochez que vous êtes d'accord.");
        }
        else if (!input.NothingPublic)
        {
            if (text is not null && input.TextPublic is null)
            {
                errors["TextPublic"] = T("Dis si ton texte peut être publié.", "Dites si le texte peut être publié.");
            }
            if (input.VoicePath is not null && input.Voice is null)
            {
                errors["Voice"] = T("Dis si ta voix peut être publiée, telle quelle ou transformée.", "Dites si la voix peut être publiée, telle quelle ou transformée.");
            }
            if (input.PhotoPath is not null && input.PhotoPublic is null)
            {
                errors["PhotoPublic"] = T("Dis si ta photo peut être publiée.", "Dites si la photo peut être publiée.");
            }
        }
        if (input.FieldMode && TestimonyRules.NeedsGuardian(speaker.Value, band))
        {
            if (string.IsNullOrWhiteSpace(input.GuardianWho) || input.GuardianHow is null || input.GuardianAt is null)
            {
                errors["Guardian"] = "Moins de 15 ans : l'accord du représentant légal est obligatoire. Indiquez qui l'a donné, comment et quand.";
            }
            else if (input.GuardianWho.Trim().Length > Testimony.GuardianMaxLength)
            {
                errors["Guardian"] = $"Qui a donné l'accord : {Testimony.GuardianMaxLength} caractères au plus.";
            }
            else if (input.GuardianAt > now.AddMinutes(5))
            {
                errors["Guardian"] = "La date de l'accord est dans le futur : indiquez quand il a été donné.";
            }
        }
        if (input.VoicePath is not null && !audio.Available)
        {
            errors["Voice"] = AudioProcessor.Unavailable;
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");
}
