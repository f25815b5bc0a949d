using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Media;
using Participation.Web.Proposals;
using Participation.Web.Shared;
using Participation.Web.Testimonies;
using SkiaSharp;

namespace Participation.Web.Demo;

/// <summary>
/// Two micro-trottoirs for the demo, with testimonies of every kind. The photos are drawn here and
/// given a GPS block as a phone's camera writes one; the recordings are made by ffmpeg with tags
/// naming a person and a place. Both then go through the real pipeline, which takes all that out.
/// </summary>
public sealed class TestimonyDemo(ParticipationDb db, PhotoProcessor photos, AudioProcessor audio, MediaStore store, TimeProvider clock, ILogger<TestimonyDemo> logger)
{
    private readonly List<string> _working = [];

    public async Task SeedAsync(int seed)
    {
        try
        {
            await SeedCoreAsync(seed);
        }
        finally
        {
            foreach (var path in _working)
            {
                MediaStore.DeleteQuietly(path);
            }
        }
    }

    private async Task SeedCoreAsync(int seed)
    {
        var now = clock.GetUtcNow();
        var random = new Bogus.Randomizer(seed);
        var facilitator = await db.Users.Where(u => u.Pseudonym == "Anim-Nadia").Select(u => u.Id).SingleAsync();
        var moderator = await db.Users.Where(u => u.Pseudonym == "Moderation").Select(u => u.Id).SingleAsync();
        var loutre = await db.Users.Where(u => u.Pseudonym == "Loutre").SingleAsync();
        var faucon = await db.Users.Where(u => u.Pseudonym == "Faucon").SingleAsync();

        var home = new Campaign
        {
            Slug = "ton-foyer-ideal", Title = "Ton foyer idéal",
            Question = "Dans ton foyer idéal, qu'est-ce qui serait différent d'aujourd'hui ?",
            Theme = Theme.DailyLife, OpensAt = now.AddDays(-20), ClosesAt = now.AddDays(25),
            AgeBands = AgeBandSet.From11To14 | AgeBandSet.From15To17 | AgeBandSet.From18To25,
            CreatedById = facilitator, CreatedAt = now.AddDays(-22),
        };
        var cafe = new Campaign
        {
            Slug = "cafe-des-parents", Title = "Le café des parents",
            Question = "Qu'est-ce qui vous aiderait à garder le lien avec votre enfant ?",
            Theme = Theme.FamilyTies, OpensAt = now.AddDays(-40), ClosesAt = now.AddDays(-10),
            Parents = true, Professionals = true,
            CreatedById = facilitator, CreatedAt = now.AddDays(-45),
        };
        db.Campaigns.AddRange(home, cafe);
        await db.SaveChangesAsync();

        var received = now.AddDays(-15);
        Testimony Make(Campaign campaign, Speaker speaker, AgeBand? band, string? text, TestimonyStatus status, bool field = true, Member? member = null)
        {
            received = received.AddHours(random.Number(3, 20));
            if (received > now.AddHours(-1))
            {
                received = now.AddHours(-random.Number(2, 48));
            }
            var at = campaign == cafe ? campaign.OpensAt.AddDays(random.Number(1, 25)) : received;
            var testimony = new Testimony
            {
                CampaignId = campaign.Id, ClientId = new Guid(random.Bytes(16)),
                WithdrawalCodeHash = WithdrawalCodes.Hash(WithdrawalCodes.Normalise(WithdrawalCodes.Generate())!),
                Speaker = speaker, AgeBand = band, MemberId = member?.Id, CollectedById = member?.Id ?? facilitator, FieldMode = field,
                Text = text, TextPublic = text is not null, Themes = campaign.Theme,
                ConsentVersion = ConsentText.CurrentVersion, Status = status, ReceivedAt = at,
                PublishedAt = status == TestimonyStatus.Published ? at.AddHours(6) : null,
                ModeratedById = status == TestimonyStatus.Pending ? null : moderator,
            };
            testimony.GuardianNeeded = field
                ? TestimonyRules.NeedsGuardian(speaker, band)
                : member?.BirthYear is { } year && TestimonyRules.MayBeUnder15(year, now.Year);
            if (field && testimony.GuardianNeeded)
            {
                testimony.GuardianWho = "la référente ASE";
                testimony.GuardianHow = GuardianChannel.CareService;
                testimony.GuardianAt = at.AddDays(-2);
                testimony.GuardianRecordedById = facilitator;
            }
            db.Testimonies.Add(testimony);
            return testimony;
        }

        // Written answers, published.
        Make(home, Speaker.Young, AgeBand.From15To17, "Pouvoir garder mon téléphone le soir, au moins jusqu'à 22 h, comme mes copains.", TestimonyStatus.Published);
        Make(home, Speaker.Young, AgeBand.From11To14, "Une chambre à moi, même petite, avec une porte qui ferme.", TestimonyStatus.Published);
        Make(home, Speaker.Young, AgeBand.From18To25, "Qu'on m'apprenne à faire les courses et à cuisiner avant mes 18 ans, pas le jour du départ.", TestimonyStatus.Published);
        var invite = Make(home, Speaker.Young, AgeBand.From15To17, "Pouvoir inviter un ami à manger sans remplir trois papiers.", TestimonyStatus.Published, field: false, member: faucon);
        invite.Pseudonym = faucon.Pseudonym;
        Make(cafe, Speaker.Parent, null, "Être prévenue quand mon fils est malade, le jour même, pas la semaine d'après.", TestimonyStatus.Published);
        Make(cafe, Speaker.Professional, null, "Des créneaux de visite le samedi matin : beaucoup de parents travaillent en semaine.", TestimonyStatus.Published);

        // Voices: one as recorded, one disguised, each with its transcript.
        var voiceAsIs = Make(home, Speaker.Young, AgeBand.From18To25, null, TestimonyStatus.Published);
        voiceAsIs.Voice = VoiceConsent.AsRecorded;
        voiceAsIs.Transcript = "Dans mon foyer idéal, les éducateurs restent longtemps. Quand quelqu'un part tous les six mois, on n'a plus envie de raconter sa vie.";
        var voiceDisguised = Make(home, Speaker.Young, AgeBand.From15To17, null, TestimonyStatus.Published);
        voiceDisguised.Voice = VoiceConsent.Disguised;
        voiceDisguised.Transcript = "J'aimerais qu'on frappe avant d'entrer dans ma chambre. C'est tout bête, mais ça change tout.";
        var parentVoice = Make(cafe, Speaker.Parent, null, null, TestimonyStatus.Published);
        parentVoice.Voice = VoiceConsent.Disguised;
        parentVoice.Transcript = "Un appel vidéo le mercredi, ce serait déjà beaucoup. Je la verrais grandir entre deux visites.";

        // Photos with their descriptions.
        var plate = Make(home, Speaker.Young, AgeBand.From11To14, "Choisir le menu une fois par semaine.", TestimonyStatus.Published);
        plate.PhotoPublic = true;
        plate.PhotoAlt = "Dessin d'une assiette avec des pâtes, une salade et un fruit, sur une nappe à carreaux.";
        var door = Make(home, Speaker.Young, AgeBand.From15To17, null, TestimonyStatus.Published);
        door.PhotoPublic = true;
        door.PhotoAlt = "Une porte de chambre avec une pancarte « Frappe avant d'entrer ».";
        var cup = Make(cafe, Speaker.Parent, null, "Un vrai café, chaud, pendant les rencontres : on se sent accueilli.", TestimonyStatus.Published);
        cup.PhotoPublic = true;
        cup.PhotoAlt = "Deux tasses de café sur une table, à côté d'un dessin d'enfant.";

        // For the moderators: a voice waiting for its transcript, a photo to describe and blur, and a
        // young member under 15 whose photo waits for a guardian's agreement.
        var waitingVoice = Make(home, Speaker.Young, AgeBand.From15To17, null, TestimonyStatus.Pending);
        waitingVoice.Voice = VoiceConsent.Disguised;
        var waitingPhoto = Make(home, Speaker.Young, AgeBand.From18To25, "La salle commune, je la voudrais comme ça, avec des plantes.", TestimonyStatus.Pending);
        waitingPhoto.PhotoPublic = true;
        var alone = Make(home, Speaker.Young, AgeBand.From11To14, "Que les éducateurs mangent avec nous, pas à une autre table.", TestimonyStatus.Pending, field: false, member: loutre);
        alone.PhotoPublic = true;
        var forPlan = Make(cafe, Speaker.Parent, null, "Je préfère que ça reste entre nous, mais les réunions à 9 h, je ne peux pas.", TestimonyStatus.KeptPrivate);
        forPlan.TextPublic = false;
        await db.SaveChangesAsync();

        foreach (var (testimony, drawing) in new[] { (plate, Drawing.Plate), (door, Drawing.Door), (cup, Drawing.Cups), (waitingPhoto, Drawing.Plants), (alone, Drawing.Table) })
        {
            await AttachPhotoAsync(testimony, drawing, now);
        }
        if (audio.Available)
        {
            var pitch = 150;
            foreach (var testimony in new[] { voiceAsIs, voiceDisguised, parentVoice, waitingVoice })
            {
                await AttachVoiceAsync(testimony, pitch += 25, now);
            }
        }
        else
        {
            logger.LogWarning("ffmpeg is missing: the demo micro-trottoirs have no recordings. On Debian: apt-get install -y ffmpeg");
        }
        await db.SaveChangesAsync();

        // A proposal written from a testimony, and one backed by another.
        var origin = new Proposal
        {
            Title = "Frapper avant d'entrer dans la chambre d'un jeune",
            Text = "Dans chaque foyer, l'adulte frappe et attend une réponse avant d'entrer dans la chambre d'un jeune, sauf urgence. La règle est écrite dans le livret d'accueil.",
            Status = ProposalStatus.Published, Channel = Channel.VoxPop,
            OriginReference = TestimonyEvidence.Reference(voiceDisguised.Id), OriginDetail = home.Title,
            Themes = Theme.Privacy | Theme.DailyLife, AgeBands = AgeBandSet.From15To17,
            CreatedAt = voiceDisguised.PublishedAt!.Value.AddHours(2), UpdatedAt = voiceDisguised.PublishedAt!.Value.AddDays(1),
            Authors = [new ProposalAuthor { Kind = AuthorKind.YoungMember }],
        };
        origin.Events.Add(new ProposalEvent { At = origin.CreatedAt, Kind = EventKind.Submitted, ActorLabel = "saisie par l'équipe pour un·e jeune", ToStatus = ProposalStatus.Deposited, Reason = TestimonyEvidence.OriginReason(home.Title) });
        origin.Events.Add(new ProposalEvent { At = origin.UpdatedAt, Kind = EventKind.StatusChanged, ActorLabel = Roles.Label(Roles.Moderator), FromStatus = ProposalStatus.Deposited, ToStatus = ProposalStatus.Published });
        db.Proposals.Add(origin);
        await db.SaveChangesAsync();
        db.ProposalTestimonies.Add(new ProposalTestimony { ProposalId = origin.Id, TestimonyId = voiceDisguised.Id, Kind = EvidenceKind.Origin, At = origin.CreatedAt, ById = moderator });
        db.ProposalTestimonies.Add(new ProposalTestimony { ProposalId = origin.Id, TestimonyId = door.Id, Kind = EvidenceKind.Evidence, At = origin.UpdatedAt, ById = moderator });
        db.ProposalEvents.Add(new ProposalEvent
        {
            ProposalId = origin.Id, At = origin.UpdatedAt, Kind = EventKind.EvidenceAttached, ActorLabel = Roles.Label(Roles.Moderator),
            Reason = $"Micro-trottoir « {home.Title} », {TestimonyWords.Speaker(door.Speaker, door.AgeBand)}.",
        });
        await db.SaveChangesAsync();
    }

    private enum Drawing { Plate, Door, Cups, Plants, Table }

    private async Task AttachPhotoAsync(Testimony testimony, Drawing drawing, DateTimeOffset now)
    {
        // Somewhere near Nantes, as a phone would have written it: the pipeline must drop it.
        var jpeg = ExifBlock.AddTo(Draw(drawing), 47.2184 + testimony.Id / 1000d, -1.5536, orientation: 1);
        var upload = store.WorkingPath(".envoi");
        _working.Add(upload);
        await File.WriteAllBytesAsync(upload, jpeg);
        var outcome = await photos.ProcessAsync(upload);
        if (outcome.Refused)
        {
            throw new InvalidOperationException("A demo photo was refused: " + outcome.Error);
        }
        var file = outcome.Files[0];
        _working.Add(file.WorkingPath);
        testimony.Media.Add(new TestimonyMedia
        {
            Kind = MediaKind.Photo, FileName = store.Keep(file.WorkingPath, file.Extension), ContentType = file.ContentType,
            Length = file.Length, Width = file.Width, Height = file.Height, CreatedAt = now,
        });
    }

    private async Task AttachVoiceAsync(Testimony testimony, int pitch, DateTimeOffset now)
    {
        // A warbling tone with the rhythm of speech, recorded as Opus in WebM like Chrome does, with
        // tags a phone or an app could add: a name and a place.
        var upload = store.WorkingPath(".webm");
        _working.Add(upload);
        var expression = $"0.35*sin(2*PI*({pitch}+25*sin(2*PI*0.8*t))*t)*(0.55+0.45*sin(2*PI*3.2*t))*(0.6+0.4*sin(2*PI*0.37*t))";
        await FFMpegArguments
            .FromFileInput($"aevalsrc={expression}:s=48000:d=8", verifyExists: false, o => o.WithCustomArgument("-f lavfi"))
            .OutputToFile(upload, overwrite: true, o => o.WithCustomArgument("-metadata title=\"Prénom Nom\" -metadata location=+47.2184-001.5536/ -c:a libopus -b:a 32k -f webm"))
            .ProcessAsynchronously(throwOnError: true, new FFOptions { TemporaryFilesFolder = store.WorkingFolder });
        var outcome = await audio.ProcessAsync(upload, disguise: testimony.Voice == VoiceConsent.Disguised);
        if (outcome.Refused)
        {
            throw new InvalidOperationException("A demo recording was refused: " + outcome.Error);
        }
        var file = outcome.Files[0];
        _working.Add(file.WorkingPath);
        testimony.Media.Add(new TestimonyMedia
        {
            Kind = testimony.Voice == VoiceConsent.Disguised ? MediaKind.DisguisedVoice : MediaKind.Voice,
            FileName = store.Keep(file.WorkingPath, file.Extension), ContentType = file.ContentType, Length = file.Length,
            DurationSeconds = file.Duration is { } d ? (int)Math.Ceiling(d.TotalSeconds) : null, CreatedAt = now,
        });
    }

    /// <summary>Simple drawings, clearly not photographs of anyone: nothing in them can identify a person.</summary>
    private static byte[] Draw(Drawing drawing)
    {
        const int width = 1200, height = 900;
        using var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 10, Color = new SKColor(0x33, 0x33, 0x33) };
        void Paint(uint color) => fill.Color = new SKColor(color);
        switch (drawing)
        {
            case Drawing.Plate:
                Paint(0xFFF4E3C1); canvas.Clear(fill.Color);
                Paint(0xFFD9534F);
                for (var x = 0; x < width; x += 100) for (var y = (x / 100) % 2 * 100; y < height; y += 200) canvas.DrawRect(x, y, 100, 100, fill);
                Paint(0xFFFFFFFF); canvas.DrawCircle(600, 450, 330, fill); canvas.DrawCircle(600, 450, 330, stroke);
                Paint(0xFFF0C24B); canvas.DrawOval(520, 400, 150, 110, fill);
                Paint(0xFF5CB85C); canvas.DrawOval(720, 380, 100, 80, fill);
                Paint(0xFFE67E22); canvas.DrawCircle(680, 580, 60, fill);
                break;
            case Drawing.Door:
                Paint(0xFFDCE8F2); canvas.Clear(fill.Color);
                Paint(0xFF8B5A2B); canvas.DrawRect(400, 80, 400, 820, fill); canvas.DrawRect(400, 80, 400, 820, stroke);
                Paint(0xFFF1C40F); canvas.DrawCircle(740, 500, 22, fill);
                Paint(0xFFFFFFFF); canvas.DrawRect(470, 250, 260, 140, fill); canvas.DrawRect(470, 250, 260, 140, stroke);
                using (var font = new SKFont(SKTypeface.Default, 44))
                using (var ink = new SKPaint { IsAntialias = true, Color = new SKColor(0x22, 0x22, 0x22) })
                {
                    canvas.DrawText("Frappe", 600, 310, SKTextAlign.Center, font, ink);
                    canvas.DrawText("avant", 600, 365, SKTextAlign.Center, font, ink);
                }
                break;
            case Drawing.Cups:
                Paint(0xFF7A4E2D); canvas.Clear(fill.Color);
                Paint(0xFFFFFFFF); canvas.DrawRect(250, 420, 220, 200, fill); canvas.DrawRect(620, 440, 220, 200, fill);
                Paint(0xFF4B2E1A); canvas.DrawOval(360, 425, 100, 20, fill); canvas.DrawOval(730, 445, 100, 20, fill);
                Paint(0xFFFFF8DC); canvas.DrawRect(880, 150, 260, 340, fill);
                Paint(0xFFE74C3C); canvas.DrawCircle(1010, 260, 60, fill);
                Paint(0xFF27AE60); canvas.DrawRect(930, 380, 160, 60, fill);
                break;
            case Drawing.Plants:
                Paint(0xFFF7F3E8); canvas.Clear(fill.Color);
                Paint(0xFF3D8B3D);
                for (var i = 0; i < 5; i++) canvas.DrawOval(150 + i * 220, 420, 70, 170, fill);
                Paint(0xFFB5651D);
                for (var i = 0; i < 5; i++) canvas.DrawRect(100 + i * 220, 560, 100, 140, fill);
                Paint(0xFF5DADE2); canvas.DrawRect(300, 80, 600, 220, fill); canvas.DrawRect(300, 80, 600, 220, stroke);
                break;
            default:
                Paint(0xFFEAF2E3); canvas.Clear(fill.Color);
                Paint(0xFFC0392B); canvas.DrawRect(150, 400, 900, 60, fill);
                Paint(0xFF6E2C00); canvas.DrawRect(200, 460, 40, 300, fill); canvas.DrawRect(960, 460, 40, 300, fill);
                Paint(0xFFFFFFFF);
                for (var i = 0; i < 6; i++) canvas.DrawCircle(250 + i * 140, 380, 45, fill);
                break;
        }
        canvas.Flush();
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
