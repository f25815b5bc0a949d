using Bogus;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Council;
using Participation.Web.Data;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Demo;

/// <summary>Council sessions for the demo: two to come, one held, with its minutes.</summary>
public sealed class CouncilDemo(ParticipationDb db, Safeguard safeguard, TimeProvider clock)
{
    private static readonly string[] Ideas =
    [
        "Frapper et attendre la réponse avant d'entrer dans une chambre",
        "Un casier qui ferme à clé pour chacun",
        "Une salle calme pour téléphoner à sa famille",
        "Pouvoir décorer sa chambre comme on veut",
    ];

    public async Task SeedAsync(int seed)
    {
        var now = clock.GetUtcNow();
        var faker = new Faker("fr") { Random = new Randomizer(seed) };
        var facilitator = await db.Users.Where(u => u.Email == $"animation@{DemoSeeder.Domain}").Select(u => u.Id).SingleAsync();
        var all = AgeBandSet.From7To10 | AgeBandSet.From11To14 | AgeBandSet.From15To17 | AgeBandSet.From18To25;

        CouncilSession Planned(string title, SessionKind kind, int inDays, string theme, AgeBandSet bands, params string[] agenda) => new()
        {
            Title = title, Kind = kind, StartsAt = now.Date.AddDays(inDays).AddHours(14), Place = "Maison départementale des jeunes, Bellerive",
            Theme = theme, AgeBands = bands, CreatedAt = now, Facilitators = [new SessionFacilitator { MemberId = facilitator }],
            Agenda = agenda.Select((a, i) => new AgendaItem { Title = a, Position = i }).ToList(),
        };
        var winter = Planned("Plénière d'hiver : bien manger au foyer", SessionKind.Plenary, 10, "Alimentation", all, "Accueil et jeu pour se connaître", "Ce qu'on mange aujourd'hui", "Nos idées pour les menus");
        winter.Polls.Add(new Poll { Question = "Le goûter idéal ?", Kind = PollKind.SingleChoice, Options = [new() { Label = "Fruits", Position = 0 }, new() { Label = "Gâteau maison", Position = 1 }, new() { Label = "Tartines", Position = 2 }] });
        winter.Polls.Add(new Poll { Question = "Comment te sens-tu au repas du soir ?", Kind = PollKind.EmojiScale, Options = PollKinds.EmojiScaleOptions.Select((e, i) => new PollOption { Label = e, Position = i }).ToList() });
        var digital = Planned("Groupe de travail : ma vie numérique", SessionKind.WorkingGroup, 20, "Numérique", AgeBandSet.From15To17 | AgeBandSet.From18To25, "Les règles sur le téléphone", "Le wifi le soir");

        var autumn = Planned("Plénière d'automne : l'intimité", SessionKind.Plenary, -30, "Intimité", all, "Ce qui nous gêne", "Nos propositions pour la charte");
        autumn.Status = SessionStatus.Closed;
        autumn.StartedAt = autumn.StartsAt;
        autumn.ClosedAt = autumn.StartsAt.AddHours(2);
        var choice = new Poll { Question = "Le plus important pour toi ?", Kind = PollKind.SingleChoice, Status = PollStatus.Closed, OpenedAt = autumn.StartsAt.AddMinutes(30), ClosedAt = autumn.StartsAt.AddMinutes(35),
            Options = [new() { Label = "Qu'on frappe avant d'entrer", Position = 0 }, new() { Label = "Un endroit à moi", Position = 1 }, new() { Label = "Téléphoner tranquille", Position = 2 }] };
        var judgment = new Poll { Question = "Que penses-tu de ces idées pour la charte ?", Kind = PollKind.MajorityJudgment, Status = PollStatus.Closed, OpenedAt = autumn.StartsAt.AddMinutes(60), ClosedAt = autumn.StartsAt.AddMinutes(70),
            Options = [new() { Label = "Une clé pour sa chambre", Position = 0 }, new() { Label = "Une salle pour téléphoner", Position = 1 }, new() { Label = "Décorer sa chambre", Position = 2 }] };
        autumn.Polls.AddRange([choice, judgment]);
        db.CouncilSessions.AddRange(winter, digital, autumn);
        await db.SaveChangesAsync();

        var year = clock.GetLocalNow().Year;
        var young = await db.MembersInRole(Roles.Young).Where(u => u.PasswordHash != null).OrderBy(u => u.Pseudonym)
            .Select(u => new { u.Id, u.Pseudonym, u.BirthYear }).Take(14).ToListAsync();
        var participants = young.Select(y => new Participant { SessionId = autumn.Id, MemberId = y.Id, Pseudonym = y.Pseudonym, AgeBand = AgeBands.ForBirthYear(y.BirthYear!.Value, year), JoinedAt = autumn.StartsAt })
            .Concat(new[] { "Étoile", "Comète", "Nuage" }.Select(g => new Participant { SessionId = autumn.Id, Pseudonym = g, IsGuest = true, JoinedAt = autumn.StartsAt })).ToList();
        db.Participants.AddRange(participants);
        await db.SaveChangesAsync();

        foreach (var participant in participants)
        {
            db.Ballots.Add(new Ballot { PollId = choice.Id, ParticipantId = participant.Id, Choice = faker.PickRandom(choice.Options).Id.ToString(), CastAt = choice.OpenedAt!.Value.AddMinutes(1) });
            var grades = new BallotChoice([], judgment.Options.ToDictionary(o => o.Id, o => (Grade)Math.Clamp(faker.Random.Number(0, 4) + o.Position, 0, 6)));
            db.Ballots.Add(new Ballot { PollId = judgment.Id, ParticipantId = participant.Id, Choice = grades.Serialise(PollKind.MajorityJudgment), CastAt = judgment.OpenedAt!.Value.AddMinutes(2) });
        }
        for (var i = 0; i < Ideas.Length; i++)
        {
            db.Ideas.Add(new Idea { SessionId = autumn.Id, ParticipantId = participants[i * 3].Id, Text = Ideas[i], Status = IdeaStatus.Approved, CreatedAt = autumn.StartsAt.AddMinutes(15 + i), Supports = faker.Random.Number(2, 12) });
        }
        await db.SaveChangesAsync();
        await SeedSafetyCasesAsync(autumn, participants);
    }

    // Two fictional ideas the detector held during the autumn session: one dealt with, one still followed.
    private async Task SeedSafetyCasesAsync(CouncilSession session, List<Participant> participants)
    {
        var moderator = await db.Users.Where(u => u.Email == $"moderation@{DemoSeeder.Domain}").Select(u => u.Id).SingleAsync();
        var guest = participants.First(p => p.IsGuest);
        var member = participants.First(p => !p.IsGuest);
        (Participant Author, string Text, int Minute)[] held =
        [
            (guest, "Au foyer un grand me tape quand les éducs sont pas là", 20),
            (member, "Des fois j'ai envie de mourir, personne m'écoute", 40),
        ];
        foreach (var (author, text, minute) in held)
        {
            // Read by the detector as a live idea would be, so that the demo's case shows what really caught it.
            var (categories, rules) = SafetyCases.Findings(safeguard.Screen(text, Writer.Young).Report);
            var idea = new Idea { SessionId = session.Id, ParticipantId = author.Id, Text = text, Status = IdeaStatus.HeldForSafety, CreatedAt = session.StartsAt.AddMinutes(minute) };
            db.Ideas.Add(idea);
            await db.SaveChangesAsync();
            var flagged = idea.CreatedAt;
            var safetyCase = new SafetyCase
            {
                Channel = SafetyChannel.CouncilIdea, SourceId = idea.Id.ToString(CultureInfo.InvariantCulture), Origin = $"Séance du Conseil « {session.Title} », pseudo {author.Pseudonym}",
                OriginUrl = $"/conseil/seances/{session.Id}", Text = text, AuthorMemberId = author.MemberId, AuthorPseudonym = author.Pseudonym,
                Categories = categories, Rules = rules,
                FlaggedAt = flagged, FirstSeenAt = flagged.AddMinutes(3), FirstSeenById = moderator, FirstActionAt = flagged.AddMinutes(25), Status = CaseStatus.Open,
            };
            safetyCase.Actions.Add(new CaseAction { Kind = CaseActionKind.ReferentContacted, Reason = "L'animatrice a parlé au jeune pendant la pause ; son éducatrice référente est prévenue.", ById = moderator, At = flagged.AddMinutes(25) });
            if (author.IsGuest)
            {
                safetyCase.Actions.Add(new CaseAction { Kind = CaseActionKind.CripReferral, Reason = "Information préoccupante transmise à la CRIP après l'entretien.", ById = moderator, At = flagged.AddHours(20) });
                safetyCase.Status = CaseStatus.Closed;
                safetyCase.ClosedAt = flagged.AddHours(20);
            }
            db.SafetyCases.Add(safetyCase);
        }
        await db.SaveChangesAsync();
    }
}
