using Bogus;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Peers;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Web.Demo;

/// <summary>
/// The network for the demo: live circles with threads and replies, a pair-aidant·e in the 18–25 and
/// one among the parents, messages waiting for the moderators (one urgent, one with a phone number,
/// one proposing a meet-up), a report, and a roadmap of actions the council adopted. Every word is
/// written for the demo and every author is a fictional demo account.
/// </summary>
public sealed class PeerDemo(ParticipationDb db, PeerLibrary library, Safeguard safeguard, SafetyCases cases, TimeProvider clock)
{
    private sealed record Talk(string Title, string Text, string[] Replies, string? Resource = null);

    private static readonly Dictionary<string, Talk[]> Talks = new()
    {
        ["11-14"] =
        [
            new("Le premier jour au collège", "C'est ma rentrée dans un nouveau collège après mon changement de foyer. Vous avez fait comment pour vous faire des copains ?",
                ["Moi j'ai dit bonjour à ceux à côté de moi en cours de sport, c'est plus facile qu'en classe.", "Au début c'est dur, après deux semaines ça va mieux, promis.", "Le club du midi (échecs chez moi) ça aide beaucoup."]),
            new("Les visites le week-end", "Ma visite avec ma mère a été annulée encore une fois. Ça vous arrive aussi ? Je ne sais pas à qui le dire.",
                ["Oui ça m'est arrivé. J'en ai parlé à mon éducatrice, elle a demandé pourquoi au juge.", "Tu peux aussi le dire à ton avocat si tu en as un, c'est son travail."]),
            new("Garder son argent de poche", "On a 20 euros par mois au foyer. Vous arrivez à en mettre de côté ?",
                ["Je mets 5 euros dans une boîte chaque mois, j'ai déjà 40 euros !", "Moi je dépense tout en bonbons, mais je vais essayer ton idée."]),
        ],
        ["15-17"] =
        [
            new("Le téléphone la nuit", "Dans mon foyer on doit rendre le téléphone à 22 h. Je trouve ça trop tôt quand on a 16 ans. C'est pareil chez vous ?",
                ["Chez nous c'est 23 h le week-end, on l'a négocié en réunion de jeunes.", "Demande une réunion avec le chef de service, ça a marché pour nous.", "Moi je trouve que ça aide à dormir, honnêtement."]),
            new("Préparer ses 18 ans", "J'ai 17 ans dans trois mois. On m'a parlé d'un entretien pour préparer la suite. Quelqu'un l'a déjà passé ?",
                ["Oui, c'est pour parler de ton projet : études, logement, argent. Prépare tes questions avant.", "Demande bien le contrat jeune majeur pendant l'entretien, n'attends pas."], "droits-18-ans"),
            new("Stage de troisième... en seconde", "Je cherche un stage en boulangerie, personne ne me répond. Des idées ?",
                ["Vas-y en vrai avec ton CV imprimé, ça marche mieux que les mails.", "La mission locale aide aussi les moins de 18 ans pour ça."], "travail"),
        ],
        ["18-25"] =
        [
            new("Trouver un premier logement", "Je sors du foyer jeunes majeurs en juin. Comment vous avez fait pour le dépôt de garantie et le garant ?",
                ["La garantie Visale m'a servi de garant, c'est gratuit.", "Action Logement peut avancer le dépôt, demande à ta référente de t'aider pour le dossier.", "Le foyer de jeunes travailleurs, c'est une bonne étape avant un studio."], "logement"),
            new("Le contrat jeune majeur jusqu'à 21 ans", "On m'a dit que je pouvais le demander même après l'avoir refusé à 18 ans. Quelqu'un a fait ça ?",
                ["Oui ! J'avais dit non à 18 ans, je l'ai redemandé à 19 et je l'ai eu.", "Écris ta demande, garde une copie, et demande une réponse écrite."], "droits-18-ans"),
            new("Réviser quand on travaille", "Je suis en BTS en alternance et je n'arrive pas à réviser le soir. Des astuces ?",
                ["Vingt minutes tous les jours, c'est mieux que trois heures le dimanche.", "La bibliothèque le samedi matin, c'est calme et c'est gratuit."], "etudes"),
        ],
        ["parents"] =
        [
            new("Les visites médiatisées", "Ma première visite médiatisée est la semaine prochaine. Comment ça se passe ? J'ai peur de mal faire.",
                ["La première fois j'étais très stressée aussi. La personne est là pour aider, pas pour juger.", "Apportez un jeu ou des photos, ça aide à parler avec l'enfant."]),
            new("Comprendre le projet pour l'enfant", "On m'a donné un document qui s'appelle PPE. Je n'ai pas tout compris. Vous avez demandé des explications ?",
                ["Oui, demandez un rendez-vous à la référente, elle me l'a expliqué ligne par ligne.", "Vous avez le droit de donner votre avis dessus, ils doivent l'écrire."], "droits-parents"),
        ],
    };

    public async Task SeedAsync(int seed)
    {
        var faker = new Faker("fr") { Random = new Randomizer(seed) };
        var now = clock.GetUtcNow();
        var year = clock.GetLocalNow().Year;
        var moderator = await db.Users.Where(u => u.Email == $"moderation@{DemoSeeder.Domain}").Select(u => u.Id).SingleAsync();
        var facilitator = await db.Users.Where(u => u.Email == $"animation@{DemoSeeder.Domain}").Select(u => u.Id).SingleAsync();
        var circles = await db.PeerCircles.ToDictionaryAsync(c => c.Slug);

        var young = await db.MembersInRole(Roles.Young).Where(u => u.BirthYear != null && u.ActivatedAt != null).Select(u => new { u.Id, u.Pseudonym, u.BirthYear }).ToListAsync();
        var parents = await db.MembersInRole(Roles.Parent).Select(u => new { u.Id, u.Pseudonym }).ToListAsync();
        List<string> Members(string slug) => slug == "parents"
            ? parents.Select(p => p.Id).ToList()
            : young.Where(y => PeerRules.Standing(r => r == Roles.Young, y.BirthYear, year).Audiences.Contains(circles[slug].Audience)).Select(y => y.Id).ToList();

        // Everyone who writes has accepted the rules; two trained members wear the badge.
        var writers = Talks.Keys.SelectMany(Members).Distinct().ToList();
        db.PeerProfiles.AddRange(writers.Select(id => new PeerProfile { MemberId = id, RulesVersion = library.RulesVersion, RulesAcceptedAt = now.AddDays(-30) }));
        await db.SaveChangesAsync();
        var baobab = young.Single(y => y.Pseudonym == "Baobab").Id;
        var pairParent = parents.OrderBy(p => p.Pseudonym).Skip(1).First().Id;
        foreach (var (id, training) in new[] { (baobab, "Formation pairs-aidants du Département, trois jours"), (pairParent, "Parcours pairs-parents de l'Académie des parentalités") })
        {
            var profile = await db.PeerProfiles.SingleAsync(p => p.MemberId == id);
            profile.HelperSince = DateOnly.FromDateTime(now.AddDays(-50).DateTime);
            profile.HelperTraining = training;
            profile.HelperGrantedById = facilitator;
        }

        // Topic circles inside audiences.
        var topics = new[]
        {
            new Circle { Slug = "18-25-quitter-l-ase", Name = "Après 18 ans, quitter l'ASE", Description = "Logement, argent, papiers, contrat jeune majeur : ceux qui sont partis répondent à ceux qui vont partir.", Audience = Audience.From18To25, CreatedAt = now.AddDays(-60), CreatedById = facilitator },
            new Circle { Slug = "18-25-etudes", Name = "Études", Description = "Parcoursup, bourses, alternance, réviser quand on travaille.", Audience = Audience.From18To25, CreatedAt = now.AddDays(-60), CreatedById = facilitator },
            new Circle { Slug = "parents-parents-d-ados", Name = "Parents d'ados", Description = "Entre parents d'adolescents accueillis : les sorties, l'école, les visites, les écrans.", Audience = Audience.Parents, CreatedAt = now.AddDays(-60), CreatedById = facilitator },
        };
        db.PeerCircles.AddRange(topics);
        await db.SaveChangesAsync();

        var published = new List<PeerPost>();
        foreach (var (slug, talks) in Talks)
        {
            var circle = circles[slug];
            var members = Members(slug);
            if (members.Count < 2)
            {
                continue;
            }
            foreach (var talk in talks)
            {
                var at = now.AddDays(-faker.Random.Double(2, 20));
                var thread = Published(circle, null, talk.Title, talk.Text, faker.PickRandom(members), at, talk.Resource, moderator);
                db.PeerPosts.Add(thread);
                await db.SaveChangesAsync();
                published.Add(thread);
                foreach (var reply in talk.Replies)
                {
                    at = at.AddHours(faker.Random.Double(0.5, 20));
                    var helper = slug is "18-25" or "parents" && faker.Random.Bool(0.3f) ? (slug == "parents" ? pairParent : baobab) : faker.PickRandom(members);
                    var post = Published(circle, thread.Id, null, reply, helper, at, null, moderator);
                    db.PeerPosts.Add(post);
                    thread.Replies++;
                    thread.LastActivityAt = at;
                    published.Add(post);
                }
                await db.SaveChangesAsync();
            }
        }
        foreach (var post in published.Where(p => p.ModeratedAt is not null))
        {
            db.PeerModerationLog.Add(new PeerModerationEntry
            {
                PostId = post.Id, Kind = ModerationKind.Approved, Reason = PeerModeration.DefaultApproval, ById = moderator, At = post.ModeratedAt!.Value,
                ToldAuthor = "Ton message est publié.",
            });
        }
        var reactors = young.Select(y => y.Id).ToList();
        foreach (var post in published.Where(p => p.ThreadId is not null))
        {
            foreach (var kind in Enum.GetValues<ReactionKind>().Where(_ => faker.Random.Bool(0.4f)))
            {
                foreach (var member in faker.PickRandom(reactors, faker.Random.Number(1, 3)).Distinct())
                {
                    db.PeerReactions.Add(new PeerReaction { PostId = post.Id, MemberId = member, Kind = kind });
                }
            }
        }
        await db.SaveChangesAsync();

        // Waiting for the moderators tonight: two minors' messages to read, a phone number, a meet-up, an urgent one, a report.
        var teen = Members("15-17");
        var younger = Members("11-14");
        var adults = Members("18-25");
        var firstTeenThread = published.First(p => p.CircleId == circles["15-17"].Id && p.ThreadId == null);
        Waiting(circles["15-17"], firstTeenThread.Id, null, "Nous on a le droit jusqu'à minuit le samedi, c'est écrit dans le règlement du foyer.", faker.PickRandom(teen), now.AddMinutes(-12), HoldReason.ReadFirst);
        Waiting(circles["11-14"], null, "Les devoirs au foyer", "Quelqu'un sait comment on fait les divisions avec des virgules ? Mon éducateur ne sait plus.", faker.PickRandom(younger), now.AddMinutes(-25), HoldReason.ReadFirst);
        Waiting(circles["15-17"], firstTeenThread.Id, null, "Si tu veux en parler écris moi au 06 12 34 56 78, je réponds le soir.", faker.PickRandom(teen), now.AddMinutes(-8), HoldReason.PersonalDetails);
        Waiting(circles["18-25"], published.First(p => p.CircleId == circles["18-25"].Id && p.ThreadId == null).Id, null, "On se voit samedi devant la gare pour en parler ? Ce sera plus simple.", faker.PickRandom(adults), now.AddMinutes(-5), HoldReason.MeetUp);
        await db.SaveChangesAsync();

        var urgentText = "Je n'en peux plus, au foyer un grand me frappe quand les éducs ne sont pas là et j'ai peur de rentrer ce soir.";
        var urgent = Waiting(circles["15-17"], null, "Je ne sais pas quoi faire", urgentText, faker.PickRandom(teen), now.AddMinutes(-3), HoldReason.Safety);
        urgent.HeldForSafety = true;
        await db.SaveChangesAsync();
        var author = await db.Users.Where(u => u.Id == urgent.AuthorId).Select(u => u.Pseudonym).SingleAsync();
        var opened = cases.Stage(new HeldText(SafetyChannel.PeerPost, urgent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Réseau d'entraide, cercle « {circles["15-17"].Name} » (15–17 ans), nouveau fil", $"/pilotage/entraide/messages/{urgent.Id}",
            $"{urgent.Title}\n{urgentText}", urgent.AuthorId, author), safeguard.Screen(urgentText, Writer.Young));
        // A moderator has it open and is calling the young person's referent: in hand, not yet acted on.
        opened.FlaggedAt = urgent.CreatedAt;
        opened.FirstSeenAt = urgent.CreatedAt.AddMinutes(2);
        opened.FirstSeenById = moderator;

        var reported = published.First(p => p.CircleId == circles["18-25"].Id && p.ThreadId != null);
        db.PeerReports.Add(new PeerReport { PostId = reported.Id, ReporterId = adults.First(a => a != reported.AuthorId), Reason = "Ça ressemble à de la publicité.", CreatedAt = now.AddMinutes(-40) });

        // The roadmap: actions the circles proposed and the council voted on.
        db.PeerActions.AddRange(
            new PeerAction
            {
                CircleId = circles["18-25"].Id, Title = "Un parrain ou une marraine pour chaque nouvel arrivant", Status = PeerActionStatus.Started,
                Text = "Un·e jeune du cercle accueille chaque nouvel arrivant au foyer jeunes majeurs pendant son premier mois : visiter le quartier, remplir les premiers papiers, savoir à qui demander.",
                ProposedById = facilitator, CreatedAt = now.AddDays(-80), UpdatedAt = now.AddDays(-10), VotesFor = 23, VotesAgainst = 2, VotesRevise = 4, DecidedAt = now.AddDays(-60), DecidedById = facilitator,
                Carriers = "Les pairs-aidant·e·s du cercle 18–25 ans, avec le service jeunes majeurs", Progress = "Huit parrains et marraines formés ; les arrivées d'octobre et de novembre ont été accueillies.",
            },
            new PeerAction
            {
                CircleId = topics[0].Id, Title = "Un guide pour quitter l'ASE, écrit par ceux qui sont partis", Status = PeerActionStatus.Done,
                Text = "Un petit guide, en mots simples, de ce qu'il faut faire dans l'année de ses 18 ans : papiers, logement, argent, santé, et les erreurs à éviter.",
                ProposedById = facilitator, CreatedAt = now.AddDays(-200), UpdatedAt = now.AddDays(-20), VotesFor = 31, VotesAgainst = 0, VotesRevise = 3, DecidedAt = now.AddDays(-180), DecidedById = facilitator,
                Carriers = "Le cercle « Après 18 ans, quitter l'ASE »", Progress = "Le guide est imprimé et remis à chaque jeune à l'entretien de ses 17 ans ; il est aussi dans les fiches pratiques.",
            },
            new PeerAction
            {
                CircleId = circles["parents"].Id, Title = "Un café des pairs-parents chaque mois", Status = PeerActionStatus.Adopted,
                Text = "Un temps d'échange mensuel, animé par deux pairs-parents formés, pour les parents dont un enfant vient d'être accueilli.",
                ProposedById = facilitator, CreatedAt = now.AddDays(-40), UpdatedAt = now.AddDays(-15), VotesFor = 19, VotesAgainst = 1, VotesRevise = 5, DecidedAt = now.AddDays(-15), DecidedById = facilitator,
                Carriers = "Les pairs-parents, avec l'Académie des parentalités",
            },
            new PeerAction
            {
                CircleId = circles["15-17"].Id, Title = "Des règles du téléphone écrites avec les jeunes de chaque foyer", Status = PeerActionStatus.Proposed,
                Text = "Chaque foyer réunit ses jeunes une fois par an pour écrire ensemble les règles du téléphone et d'internet.",
                ProposedById = facilitator, CreatedAt = now.AddDays(-4), UpdatedAt = now.AddDays(-4),
            });
        await db.SaveChangesAsync();

        PeerPost Waiting(Circle circle, int? thread, string? title, string text, string author, DateTimeOffset at, HoldReason hold)
        {
            var post = new PeerPost
            {
                CircleId = circle.Id, ThreadId = thread, Title = title, Text = text, AuthorId = author, Status = PostStatus.Pending, Hold = hold,
                CreatedAt = at, LastActivityAt = at,
            };
            db.PeerPosts.Add(post);
            return post;
        }
    }

    private static PeerPost Published(Circle circle, int? thread, string? title, string text, string author, DateTimeOffset at, string? resource, string moderator)
    {
        // Minors' messages were read first: a few minutes in the daytime.
        var read = circle.Audience.IsMinorAudience() ? at.AddMinutes(4 + (text.Length % 20)) : (DateTimeOffset?)null;
        return new PeerPost
        {
            CircleId = circle.Id, ThreadId = thread, Title = title, Text = text, AuthorId = author, Status = PostStatus.Published, Hold = HoldReason.None,
            CreatedAt = at, PublishedAt = read ?? at, ModeratedAt = read, LastActivityAt = read ?? at, Resources = resource,
        };
    }
}
