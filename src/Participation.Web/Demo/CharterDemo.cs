using Bogus;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Charter;
using Participation.Web.Data;
using Participation.Web.Proposals;
using Participation.Web.Shared;
using Participation.Web.Testimonies;

namespace Participation.Web.Demo;

/// <summary>
/// The quality charter for the demo: version 1, voted by the young members a year ago, adopted and
/// signed by both establishments; version 2, drawn from it and now under the young people's vote,
/// with comments from professionals; and this year's follow-up of version 1, where what each
/// establishment says of itself stands beside what the young people living there say. Every practice
/// is written for the demo and rests on demo proposals, testimonies and questions.
/// </summary>
public sealed class CharterDemo(ParticipationDb db, TimeProvider clock)
{
    /// <summary>The follow-up the demo fills is this calendar year's: the one the staff see first.</summary>
    public static int FollowUpYear(TimeProvider clock) => clock.GetLocalNow().Year;

    /// <summary>
    /// A practice as the demo writes it. <see cref="Proposals"/> are titles of demo proposals it
    /// comes from; <see cref="Testimony"/> a few words of a demo testimony; <see cref="Question"/> a
    /// demo questionnaire question; <see cref="Change"/> what a young person asks to change in it.
    /// </summary>
    private sealed record Practice(
        string Name, Theme Chapter, string Statement, string EasyRead, string[] Proposals,
        string? Testimony = null, string? Question = null, string? Change = null);

    private static readonly Practice[] First =
    [
        new("sleepover", Theme.SocialLife,
            "Pour une nuit chez un ami ou une sortie entre amis, l'équipe décide elle-même, comme le permet la liste des actes usuels du projet pour l'enfant, et répond au jeune dans les trois jours. Elle appelle la famille de l'ami si besoin ; aucune autorisation écrite du service n'est demandée.",
            "Tu veux dormir chez un ami ? Tu veux sortir avec tes amis ? Tu demandes à un adulte du foyer. Il te répond en 3 jours au plus.",
            ["Dormir chez un ami sans attendre des semaines"],
            Change: "3 jours c'est trop long, le temps qu'on réponde le week-end est passé."),
        new("friends-over", Theme.SocialLife,
            "Un jeune peut inviter un ami au foyer pour un goûter ou un repas : il prévient un adulte la veille, sans formulaire à remplir.",
            "Tu peux inviter un ami au foyer. Pour un goûter ou pour manger. Tu le dis à un adulte la veille. Il n'y a pas de papier à remplir.",
            ["Inviter un ami à goûter"], Testimony: "inviter un ami à manger",
            Change: "Des fois on décide le jour même, la veille c'est pas toujours possible."),
        new("birthdays", Theme.SocialLife,
            "L'anniversaire de chaque jeune est fêté le jour même ou le plus près possible, avec le gâteau qu'il a choisi et les personnes qu'il a invitées, amis compris.",
            "Ton anniversaire est fêté. Tu choisis ton gâteau. Tu choisis qui vient, tes amis aussi.",
            ["Fêter les anniversaires"]),

        new("phone-rules", Theme.Digital,
            "Les règles du téléphone et des écrans (heures, lieux, nuit) sont écrites avec les jeunes du groupe, affichées et revues chaque année en réunion. Elles sont les mêmes pour tous les jeunes d'un même âge.",
            "Les règles du téléphone sont écrites avec les jeunes. Elles sont affichées. Elles sont les mêmes pour tous les jeunes de ton âge. On les revoit chaque année.",
            ["Pouvoir garder son téléphone"],
            Change: "Si un jeune a une règle plus dure que les autres, il faut lui expliquer pourquoi."),
        new("wifi", Theme.Digital,
            "Le wifi fonctionne au moins jusqu'à 22 heures les soirs de semaine, et jusqu'à 23 heures le week-end pour les jeunes de 15 ans et plus.",
            "Le wifi marche jusqu'à 22 heures. Le week-end, il marche jusqu'à 23 heures si tu as 15 ans ou plus.",
            ["Le wifi le soir jusqu'à 22 heures"], Testimony: "garder mon téléphone le soir",
            Change: "Et que le wifi marche aussi dans les chambres du haut."),
        new("online-safety", Theme.Digital,
            "Deux fois par an, l'équipe organise un atelier sur la vie en ligne (harcèlement, photos, arnaques) où des jeunes plus âgés peuvent intervenir ; le 3018 est affiché dans les lieux communs.",
            "Deux fois par an, il y a un atelier sur internet. Tu apprends à te protéger. Quelqu'un t'embête en ligne ? Tu peux appeler le 3018.",
            ["Des ateliers sur les dangers d'internet"]),

        new("menus", Theme.Food,
            "Chaque semaine, les jeunes du groupe choisissent ensemble le menu d'un repas, dans le budget du foyer, et l'équipe le sert tel qu'ils l'ont choisi.",
            "Chaque semaine, les jeunes choisissent un repas. Tu donnes tes idées. Les adultes préparent ce repas.",
            ["Choisir une partie des menus"], Testimony: "Choisir le menu",
            Change: "Une fois par semaine c'est peu, deux fois ce serait mieux."),
        new("cooking", Theme.Food,
            "Chaque week-end, un repas est préparé par des jeunes volontaires avec un adulte qui leur apprend les gestes et les recettes.",
            "Le week-end, tu peux cuisiner avec un adulte. Il t'apprend des recettes.",
            ["Cuisiner avec les éducateurs le week-end"]),
        new("snacks", Theme.Food,
            "Des fruits et de quoi goûter sont en libre accès l'après-midi dans la salle commune : les jeunes se servent sans avoir à demander.",
            "Quand tu rentres de l'école, il y a des fruits et un goûter. Tu te sers. Tu n'as pas besoin de demander.",
            ["Des fruits en libre accès"],
            Change: "Pas toujours des pommes, svp."),
        new("diets", Theme.Food,
            "À chaque repas, un plat sans porc et un plat sans viande sont proposés ; les régimes liés à la santé de chaque jeune sont écrits et connus de toute l'équipe, remplaçants compris.",
            "À chaque repas, il y a un plat sans porc et un plat sans viande. Tu as un régime pour ta santé ? Tous les adultes le savent.",
            ["Respecter les régimes de chacun"]),

        new("check-up", Theme.Health,
            "Dans le mois qui suit son arrivée, l'équipe prend pour le jeune des rendez-vous chez un médecin, un dentiste et un ophtalmologiste, et un adulte l'accompagne s'il le souhaite.",
            "Quand tu arrives, les adultes prennent des rendez-vous pour toi : le médecin, le dentiste, les yeux. Un adulte peut venir avec toi.",
            ["Des consultations chez le dentiste et l'ophtalmo"]),
        new("psychologist", Theme.Health,
            "Quand un jeune demande à parler à un psychologue, un premier rendez-vous lui est proposé dans les quinze jours.",
            "Tu ne vas pas bien ? Tu peux demander à voir un psychologue. Tu as un rendez-vous dans les 2 semaines.",
            ["Voir un psychologue sans attendre"],
            Change: "Quinze jours c'est long quand on va vraiment mal."),
        new("help-numbers", Theme.Health,
            "Chaque chambre affiche les numéros d'aide (119, 3114, Fil Santé Jeunes) et le nom de l'adulte à appeler la nuit, mis à jour à chaque changement d'équipe.",
            "Dans ta chambre, il y a les numéros pour demander de l'aide, comme le 119. Tu sais quel adulte appeler la nuit.",
            ["Savoir qui contacter la nuit"]),

        new("knock", Theme.Privacy,
            "Les adultes frappent et attendent la réponse avant d'entrer dans la chambre d'un jeune, sauf danger. La règle est écrite dans le livret d'accueil et rappelée aux remplaçants.",
            "Les adultes frappent à ta porte. Ils attendent ta réponse pour entrer. Ils entrent sans attendre seulement s'il y a un danger.",
            ["Frapper avant d'entrer dans les chambres", "Frapper avant d'entrer dans la chambre d'un jeune"], Testimony: "qu'on frappe avant d'entrer",
            Change: "Frapper et attendre, pas frapper et entrer direct."),
        new("lock", Theme.Privacy,
            "Chaque jeune a un placard ou un tiroir qui ferme à clé, dont il garde la clé, pour ses affaires personnelles et ses papiers.",
            "Tu as un placard qui ferme à clé. Tu y ranges tes affaires et tes papiers. C'est toi qui gardes la clé.",
            ["Une clé pour sa chambre"], Testimony: "porte qui ferme",
            Change: "La clé de la chambre aussi, pas seulement d'un tiroir."),
        new("phone-room", Theme.Privacy,
            "Une pièce fermée est prévue pour téléphoner à sa famille ou à ses proches sans être entendu par les autres.",
            "Tu peux téléphoner dans une pièce fermée. Personne ne t'écoute.",
            ["Un endroit calme pour téléphoner"]),
        new("mail", Theme.Privacy,
            "Le courrier et les colis adressés à un jeune lui sont remis fermés ; personne ne les ouvre à sa place.",
            "Tes lettres et tes colis sont à toi. Les adultes te les donnent fermés.",
            ["Une clé pour sa chambre"]),

        new("life-book", Theme.Identity,
            "Un album de vie, avec les photos et les souvenirs du jeune, est tenu à jour avec lui ; il le suit s'il change de lieu d'accueil et il le garde à sa sortie.",
            "Tu as un album avec tes photos et tes souvenirs. Tu le remplis avec un adulte. Il part avec toi si tu changes de foyer.",
            ["Garder des photos de son enfance"]),
        new("own-story", Theme.Identity,
            "Quand un jeune pose des questions sur son histoire, un professionnel prend le temps d'y répondre avec lui et l'aide à demander à lire son dossier, accompagné.",
            "Tu te poses des questions sur ton histoire ? Un adulte prend le temps de t'expliquer. Il t'aide à lire ton dossier.",
            ["Avoir accès à son dossier"]),
        new("name-faith", Theme.Identity,
            "Les adultes écrivent et prononcent correctement le prénom de chaque jeune. Un jeune peut pratiquer sa religion, garder les objets qui y sont liés et fêter ses fêtes, et les repas en tiennent compte.",
            "Les adultes disent bien ton prénom. Tu peux pratiquer ta religion. Tu peux fêter tes fêtes.",
            ["Respecter les régimes de chacun"]),

        new("homework", Theme.School,
            "Chaque soir de semaine, un adulte ou un étudiant aide aux devoirs pendant au moins une heure, dans une pièce calme avec un ordinateur en état de marche et une imprimante.",
            "Le soir, un adulte t'aide pour tes devoirs. C'est dans une pièce calme. Il y a un ordinateur qui marche.",
            ["Une aide aux devoirs tous les soirs", "Un ordinateur pour les devoirs"],
            Change: "Et aussi le week-end avant un contrôle."),
        new("same-school", Theme.School,
            "Quand un jeune change de lieu d'accueil en cours d'année, l'équipe cherche d'abord à le garder dans son école et organise le trajet.",
            "Tu changes de foyer ? Les adultes essaient de te garder dans ton école. Ils trouvent comment t'y emmener.",
            ["Garder la même école quand on change de lieu"]),

        new("activity", Theme.Leisure,
            "Chaque jeune choisit un sport ou une activité culturelle pour l'année ; le foyer l'inscrit, paie l'inscription et organise le trajet.",
            "Tu choisis un sport ou une activité. Le foyer paie. Tu y vas toute l'année.",
            ["Choisir une activité de loisir"],
            Change: "Pouvoir changer en cours d'année si on n'aime pas."),
        new("outings", Theme.Leisure,
            "Chaque mois, au moins une sortie culturelle (cinéma, concert, musée, match) est proposée au groupe, et un jeune peut aussi y aller avec ses amis.",
            "Chaque mois, il y a une sortie : cinéma, concert, musée ou match. Tu peux aussi y aller avec tes amis.",
            ["Des sorties culturelles gratuites"]),

        new("calls", Theme.FamilyTies,
            "Dans les limites fixées par le juge, un jeune peut appeler ses parents et ses proches quand il le souhaite, sans attendre un jour prévu.",
            "Tu peux appeler tes parents quand tu veux. Sauf si le juge a dit autre chose.",
            ["Appeler ses parents quand on veut"], Testimony: "appel vidéo le mercredi", Question: "Comment gardez-vous le lien avec votre enfant ?",
            Change: "Il faut un endroit où personne n'écoute."),
        new("siblings", Theme.FamilyTies,
            "Les frères et sœurs accueillis dans des lieux différents se voient au moins une fois par mois ; le foyer organise et paie le trajet.",
            "Tes frères et sœurs vivent ailleurs ? Tu les vois au moins une fois par mois.",
            ["Voir ses frères et sœurs plus souvent"]),
        new("parents-told", Theme.FamilyTies,
            "Les parents sont prévenus avant les rendez-vous médicaux et scolaires importants de leur enfant, et le jour même quand il est malade, sauf décision contraire du juge.",
            "Tes parents sont prévenus avant tes rendez-vous importants. Ils savent quand tu es malade.",
            ["Associer les parents aux décisions"], Testimony: "quand mon fils est malade",
            Question: "Vous sentez-vous informé·e de la vie de votre enfant au quotidien ?"),

        new("life-skills", Theme.LeavingCare,
            "Dès 16 ans, chaque jeune apprend avec un adulte, selon un programme écrit, à tenir un budget, faire ses courses, cuisiner et faire ses démarches.",
            "Dès 16 ans, tu apprends à gérer ton argent. Tu apprends à faire les courses et à cuisiner. Tu apprends à faire tes papiers.",
            ["Préparer la sortie dès 16 ans"], Testimony: "faire les courses et à cuisiner",
            Change: "Commencer à 15 ans, 16 c'est déjà tard."),
        new("interview-17", Theme.LeavingCare,
            "L'année de ses 17 ans, le jeune a un entretien pour préparer la suite (logement, études, ressources, accompagnement après 18 ans) et garde un compte rendu écrit de ce qui a été décidé.",
            "À 17 ans, tu as un rendez-vous pour préparer tes 18 ans. On parle de logement, d'école et d'argent. Tu gardes un papier qui dit ce qui est décidé.",
            ["Un logement pour les jeunes majeurs", "Préparer la sortie dès 16 ans"]),
        new("after-care", Theme.LeavingCare,
            "Après son départ, le jeune garde une personne de confiance de l'équipe, qu'il a choisie, à qui il peut téléphoner, et il est invité aux fêtes du foyer.",
            "Quand tu pars, tu gardes un adulte à qui parler. Tu le choisis. Tu peux l'appeler et revenir dire bonjour.",
            ["Un référent après 18 ans"]),
    ];

    // Version 2 answers what the young people asked to change: a quicker answer for a night out, the
    // reason for a stricter phone rule, and calls made out of earshot, which takes in the phone room.
    private static readonly Dictionary<string, (string Statement, string EasyRead)> Reworded = new()
    {
        ["sleepover"] = (
            "Pour une nuit chez un ami ou une sortie entre amis, l'équipe décide elle-même, comme le permet la liste des actes usuels du projet pour l'enfant, et répond au jeune dans les 48 heures. Elle appelle la famille de l'ami si besoin ; aucune autorisation écrite du service n'est demandée.",
            "Tu veux dormir chez un ami ? Tu veux sortir avec tes amis ? Tu demandes à un adulte du foyer. Il te répond en 2 jours au plus."),
        ["phone-rules"] = (
            "Les règles du téléphone et des écrans (heures, lieux, nuit) sont écrites avec les jeunes du groupe, affichées et revues chaque année en réunion. Elles sont les mêmes pour tous les jeunes d'un même âge ; une règle plus stricte pour un jeune lui est expliquée par écrit.",
            "Les règles du téléphone sont écrites avec les jeunes. Elles sont affichées. Elles sont les mêmes pour tous les jeunes de ton âge. Tu as une règle différente ? Un adulte t'explique pourquoi, sur un papier."),
        ["calls"] = (
            "Dans les limites fixées par le juge, un jeune peut appeler ses parents et ses proches quand il le souhaite, sans attendre un jour prévu, depuis une pièce fermée où personne ne l'entend.",
            "Tu peux appeler tes parents quand tu veux. Sauf si le juge a dit autre chose. Tu appelles dans une pièce fermée. Personne ne t'écoute."),
    };

    private const string Removed = "phone-room";

    private static readonly Practice[] Added =
    [
        new("visit-room", Theme.FamilyTies,
            "Les visites avec les parents ont lieu dans une salle accueillante, avec des jeux et de quoi partager un goûter ; des créneaux sont proposés le samedi pour les parents qui travaillent en semaine.",
            "Tu vois tes parents dans une salle agréable. Il y a des jeux. Vous pouvez goûter ensemble. La visite peut avoir lieu le samedi.",
            ["Des salles de visite accueillantes, avec des jeux", "Partager un goûter pendant les visites"], Testimony: "créneaux de visite le samedi",
            Question: "Que faudrait-il changer pendant ces visites ?",
            Change: "Et pouvoir sortir faire un tour dehors avec ses parents."),
        new("holidays", Theme.Leisure,
            "Les séjours de vacances sont choisis avec les jeunes, en réunion, avant toute réservation.",
            "Les vacances, on les choisit ensemble. Tu donnes ton avis avant qu'on réserve.",
            ["Partir en vacances avec le groupe"],
            Change: "Et pas toujours à la montagne."),
    ];

    private static readonly string[] AnyChange =
    [
        "D'accord, mais il faut que les remplaçants le sachent aussi.",
        "C'est bien, mais il faudrait le dire avec des mots plus simples.",
        "Il faut demander leur avis aux plus petits aussi.",
        "Oui, mais qui vérifie que c'est vraiment fait ?",
        "Il faudrait que ce soit pareil dans tous les foyers.",
    ];

    // Where the establishment says « en place » and its young people mostly say « pas encore ».
    private static readonly string[] ContestedAtTilleuls = ["sleepover", "knock", "wifi", "phone-rules"];
    private static readonly string[] ContestedAtPasserelle = ["knock", "psychologist"];

    private static readonly Dictionary<string, (PracticeLevel Level, string Comment)> TilleulsNotes = new()
    {
        ["knock"] = (PracticeLevel.InPlace, "La règle est dans le livret d'accueil ; elle a été rappelée à toute l'équipe en septembre."),
        ["psychologist"] = (PracticeLevel.InProgress, "Une psychologue est présente à mi-temps depuis mars ; l'attente reste longue pendant les vacances."),
        ["siblings"] = (PracticeLevel.NotYet, "Les trajets vers les autres lieux d'accueil ne sont pas encore organisés."),
    };

    private static readonly Dictionary<string, (PracticeLevel Level, string Comment)> PasserelleNotes = new()
    {
        ["wifi"] = (PracticeLevel.InProgress, "Un nouveau boîtier est installé depuis septembre ; le deuxième étage capte encore mal."),
        ["activity"] = (PracticeLevel.InPlace, "Chaque jeune est inscrit à une activité cette année."),
        ["life-book"] = (PracticeLevel.NotYet, "Nous cherchons une personne pour animer les albums de vie avec les jeunes."),
    };

    private const string Intro =
        "Cette charte dit ce que les adultes des foyers et des maisons d'enfants font, chaque jour, pour que la vie des jeunes accueillis ressemble à celle des autres jeunes de leur âge.\n" +
        "Chaque pratique vient de ce que des jeunes, des parents et des professionnels ont proposé. Les jeunes du Conseil l'ont votée ; chaque établissement qui la signe en rend compte chaque année, et ses jeunes donnent leur avis à côté du sien.";

    private sealed record Young(string Id, int BirthYear, int? EstablishmentId);

    public async Task SeedAsync(int seed)
    {
        var random = new Randomizer(seed);
        var faker = new Faker("fr") { Random = new Randomizer(seed + 1) };
        var now = clock.GetUtcNow();
        var accounts = await db.Users.Where(u => u.Email != null && u.Email.EndsWith("@" + DemoSeeder.Domain))
            .ToDictionaryAsync(u => u.Email!.Split('@')[0], u => (u.Id, u.EstablishmentId));
        var (tilleulsBy, tilleulsAt) = accounts["etablissement"];
        var (passerelleBy, passerelleAt) = accounts["etablissement2"];
        var (tilleuls, passerelle) = (tilleulsAt!.Value, passerelleAt!.Value);
        var young = await db.MembersInRole(Roles.Young).Where(u => u.ActivatedAt != null && u.BirthYear != null).OrderBy(u => u.Pseudonym)
            .Select(u => new Young(u.Id, u.BirthYear!.Value, u.EstablishmentId)).ToListAsync();

        var voteOpened = now.AddDays(-395);
        var adopted = now.AddDays(-335);
        var first = new CharterVersion
        {
            Number = 1, Status = CharterVersionStatus.Adopted, Intro = Intro, CreatedAt = now.AddDays(-430),
            VoteOpensAt = voteOpened, VoteClosesAt = now.AddDays(-365), AdoptedAt = adopted, AdoptedById = accounts["pilotage"].Id,
        };
        var second = new CharterVersion
        {
            Number = 2, Status = CharterVersionStatus.Consultation, Intro = Intro, CreatedAt = now.AddDays(-18),
            VoteOpensAt = now.AddDays(-4), VoteClosesAt = now.AddDays(21),
        };
        db.CharterVersions.AddRange(first, second);
        await db.SaveChangesAsync();

        // Keys follow a practice from version to version; the demo's charter starts empty, so they run from 1.
        var all = First.Concat(Added).ToList();
        int KeyOf(string name) => all.FindIndex(p => p.Name == name) + 1;
        Practice Spec(int key) => all[key - 1];
        var firstPractices = First
            .Select(p => new CharterPractice
            {
                VersionId = first.Id, Key = KeyOf(p.Name), Chapter = p.Chapter, Order = OrderIn(First, p), Statement = p.Statement, EasyRead = p.EasyRead,
            })
            .ToList();
        // Version 2 is drafted as CharterVersions.DraftNextAsync drafts it: version 1 copied under the same keys, then edited.
        var secondPractices = firstPractices
            .Where(p => p.Key != KeyOf(Removed))
            .Select(p =>
            {
                var (statement, easyRead) = Reworded.GetValueOrDefault(Spec(p.Key).Name, (p.Statement, p.EasyRead));
                return new CharterPractice { VersionId = second.Id, Key = p.Key, Chapter = p.Chapter, Order = p.Order, Statement = statement, EasyRead = easyRead };
            })
            .ToList();
        foreach (var added in Added)
        {
            secondPractices.Add(new CharterPractice
            {
                VersionId = second.Id, Key = KeyOf(added.Name), Chapter = added.Chapter,
                Order = secondPractices.Where(p => p.Chapter == added.Chapter).Max(p => p.Order) + 1,
                Statement = added.Statement, EasyRead = added.EasyRead,
            });
        }
        db.CharterPractices.AddRange(firstPractices);
        db.CharterPractices.AddRange(secondPractices);
        await db.SaveChangesAsync();
        // Each version's practice rests on the same voices, as a draft copies them from the version before.
        var grounds = await GroundsAsync(all, KeyOf);
        db.PracticeGrounds.AddRange(firstPractices.Concat(secondPractices).SelectMany(practice => grounds
            .Where(g => g.Key == practice.Key)
            .Select(g => new PracticeGround { PracticeId = practice.Id, Kind = g.Kind, SourceId = g.SourceId })));
        await db.SaveChangesAsync();

        // Version 1's vote, a year ago: bands as they were then; a member too young at the time did not vote.
        var voteYear = TimeZoneInfo.ConvertTime(voteOpened, clock.LocalTimeZone).Year;
        var voters = random.Shuffle(young.Where(y => AgeBands.ForBirthYear(y.BirthYear, voteYear) is not null)).Take(36).ToList();
        foreach (var voter in voters)
        {
            var share = random.Float(0.6f, 1f);
            foreach (var practice in firstPractices.Where(_ => random.Bool(share)))
            {
                db.PracticeVotes.Add(Vote(random, practice, Spec(practice.Key), voter, voteYear, voteOpened.AddHours(random.Double(1, 29 * 24)), 0.78f, useChange: true));
            }
        }

        var places = await db.Establishments.ToDictionaryAsync(e => e.Id);
        db.Ratifications.AddRange(
            new Ratification
            {
                VersionId = first.Id, EstablishmentId = tilleuls, SignedById = tilleulsBy, SignedAt = adopted.AddDays(12),
                EstablishmentName = places[tilleuls].Name, EstablishmentTown = places[tilleuls].Town,
                SignedByName = $"{faker.Name.FirstName(Bogus.DataSets.Name.Gender.Male)} {faker.Name.LastName()}, directeur",
            },
            new Ratification
            {
                VersionId = first.Id, EstablishmentId = passerelle, SignedById = passerelleBy, SignedAt = adopted.AddDays(26),
                EstablishmentName = places[passerelle].Name, EstablishmentTown = places[passerelle].Town,
                SignedByName = $"{faker.Name.FirstName(Bogus.DataSets.Name.Gender.Female)} {faker.Name.LastName()}, directrice",
            });

        // Version 2's vote so far: enough 11–14 and 15–17 voters that their results show on what
        // changed, while the 7–10 and 18–25 stay below the five that results need to be shown.
        var year = clock.GetLocalNow().Year;
        var changed = Reworded.Keys.Concat(Added.Select(a => a.Name)).Select(KeyOf).ToHashSet();
        var byBand = new Dictionary<AgeBand, int> { [AgeBand.From7To10] = 3, [AgeBand.From11To14] = 6, [AgeBand.From15To17] = 5, [AgeBand.From18To25] = 3 };
        var early = random.Shuffle(young).ToList();
        foreach (var (band, count) in byBand)
        {
            foreach (var voter in early.Where(y => AgeBands.ForBirthYear(y.BirthYear, year) == band).Take(count))
            {
                foreach (var practice in secondPractices.Where(p => changed.Contains(p.Key) || random.Bool(0.4f)))
                {
                    var spec = Spec(practice.Key);
                    db.PracticeVotes.Add(Vote(random, practice, spec, voter, year, now.AddHours(-random.Double(1, 4 * 24 - 1)), 0.7f, useChange: !Reworded.ContainsKey(spec.Name)));
                }
            }
        }

        var underVote = secondPractices.ToDictionary(p => Spec(p.Key).Name);
        db.PracticeComments.AddRange(
            new PracticeComment
            {
                PracticeId = underVote["sleepover"].Id, MemberId = accounts["pro"].Id, At = now.AddDays(-3),
                Text = "Répondre en 48 heures est possible si le chef de service peut décider seul d'une nuit chez un ami. Il faudrait l'écrire dans le projet pour l'enfant de chaque jeune dès son arrivée.",
            },
            new PracticeComment
            {
                PracticeId = underVote["visit-room"].Id, MemberId = accounts["pro2"].Id, At = now.AddDays(-2),
                Text = "Chez nous, la salle de visite sert aussi de bureau. Des visites le samedi demandent un éducateur de plus ce jour-là : c'est à prévoir dans les plannings.",
            },
            new PracticeComment
            {
                PracticeId = underVote["calls"].Id, MemberId = tilleulsBy, At = now.AddDays(-2).AddHours(5),
                Text = "Nous avons une pièce pour les appels, mais elle est souvent occupée le soir. Un second téléphone sans fil pour les jeunes réglerait la question.",
            },
            new PracticeComment
            {
                PracticeId = underVote["holidays"].Id, MemberId = passerelleBy, At = now.AddDays(-1),
                Text = "D'accord sur le principe. Les séjours d'été se réservent dès l'hiver : la réunion avec les jeunes doit donc avoir lieu à l'automne.",
            });

        // This year's follow-up of version 1, by each establishment and by the young people living there.
        var readme = DemoSeeder.Logins.Where(l => l.Role == Roles.Young).Select(l => l.Login).ToList();
        var named = await db.Users.Where(u => readme.Contains(u.UserName!)).Select(u => u.Id).ToListAsync();
        var followUp = FollowUpYear(clock);
        var sinceNewYear = Math.Min(45, clock.GetLocalNow().DayOfYear - 1);
        foreach (var (establishment, by, notes, contested, respondents, answers) in new[]
        {
            (tilleuls, tilleulsBy, TilleulsNotes, ContestedAtTilleuls, 12, 1f),
            (passerelle, passerelleBy, PasserelleNotes, ContestedAtPasserelle, 7, 0.7f),
        })
        {
            var levels = new Dictionary<int, PracticeLevel>();
            foreach (var practice in firstPractices)
            {
                var name = Spec(practice.Key).Name;
                var note = notes.GetValueOrDefault(name);
                levels[practice.Key] = note.Comment is not null ? note.Level
                    : contested.Contains(name) ? PracticeLevel.InPlace
                    : random.WeightedRandom([PracticeLevel.InPlace, PracticeLevel.InProgress, PracticeLevel.NotYet], [0.75f, 0.18f, 0.07f]);
                db.SelfAssessments.Add(new SelfAssessment
                {
                    EstablishmentId = establishment, Year = followUp, PracticeKey = practice.Key, Level = levels[practice.Key], Comment = note.Comment,
                    ById = by, At = now.AddDays(-random.Number(0, sinceNewYear)),
                });
            }

            // The README's young accounts have not answered yet, so that whoever tries them finds the form.
            var living = random.Shuffle(young.Where(y => y.EstablishmentId == establishment && !named.Contains(y.Id))).Take(respondents).ToList();
            db.YouthViewsTaken.AddRange(living.Select(y => new YouthViewTaken { EstablishmentId = establishment, Year = followUp, MemberId = y.Id }));
            var views = new List<YouthView>();
            foreach (var practice in firstPractices)
            {
                var answering = living.Where(_ => random.Bool(answers)).ToList();
                var said = contested.Contains(Spec(practice.Key).Name)
                    ? MostlyNotYet(random, answering.Count)
                    : answering.Select(_ => YouthLevel(random, levels[practice.Key])).ToList();
                views.AddRange(answering.Zip(said, (y, level) => new YouthView
                {
                    EstablishmentId = establishment, Year = followUp, PracticeKey = practice.Key, Level = level,
                }));
            }
            // Shuffled, so that the order of the rows cannot be matched with who answered.
            db.YouthViews.AddRange(random.Shuffle(views));
        }
        await db.SaveChangesAsync();
    }

    private static int OrderIn(Practice[] practices, Practice practice) =>
        practices.Where(p => p.Chapter == practice.Chapter).ToList().IndexOf(practice) + 1;

    private static PracticeVote Vote(Randomizer random, CharterPractice practice, Practice spec, Young voter, int year, DateTimeOffset at, float agree, bool useChange)
    {
        var choice = random.WeightedRandom([PracticeChoice.Agree, PracticeChoice.Change, PracticeChoice.Disagree], [agree, (1 - agree) * 0.65f, (1 - agree) * 0.35f]);
        var comment = choice switch
        {
            PracticeChoice.Change when useChange && spec.Change is not null && random.Bool(0.6f) => spec.Change,
            PracticeChoice.Change when random.Bool(0.5f) => random.ArrayElement(AnyChange),
            _ => null,
        };
        return new PracticeVote
        {
            PracticeId = practice.Id, MemberId = voter.Id, Choice = choice, Comment = comment,
            Band = AgeBands.ForBirthYear(voter.BirthYear, year), EstablishmentId = voter.EstablishmentId, At = at,
        };
    }

    /// <summary>Seven in ten say « pas encore », the rest split between the two other answers, in a shuffled order.</summary>
    private static List<PracticeLevel> MostlyNotYet(Randomizer random, int count)
    {
        var notYet = (int)Math.Ceiling(count * 0.7);
        var inProgress = (count - notYet + 1) / 2;
        return random.Shuffle(
                Enumerable.Repeat(PracticeLevel.NotYet, notYet)
                    .Concat(Enumerable.Repeat(PracticeLevel.InProgress, inProgress))
                    .Concat(Enumerable.Repeat(PracticeLevel.InPlace, count - notYet - inProgress)))
            .ToList();
    }

    /// <summary>Young people mostly see what their establishment sees, less often where it says the practice is in place.</summary>
    private static PracticeLevel YouthLevel(Randomizer random, PracticeLevel establishment) => random.WeightedRandom(
        [PracticeLevel.InPlace, PracticeLevel.InProgress, PracticeLevel.NotYet],
        establishment switch
        {
            PracticeLevel.InPlace => [0.65f, 0.25f, 0.1f],
            PracticeLevel.InProgress => [0.25f, 0.5f, 0.25f],
            _ => [0.1f, 0.3f, 0.6f],
        });

    /// <summary>
    /// Each practice's grounds, by key: the public demo proposals it names (those tagged with its
    /// chapter first, then the oldest), and where one fits a published testimony and a questionnaire
    /// question. A practice whose proposals are missing falls back on proposals of its chapter.
    /// </summary>
    private async Task<List<(int Key, GroundKind Kind, int SourceId)>> GroundsAsync(IEnumerable<Practice> practices, Func<string, int> keyOf)
    {
        var proposals = (await db.Proposals.OrderBy(p => p.Id).Select(p => new { p.Id, p.Title, p.Themes, p.Status }).ToListAsync())
            .Where(p => p.Status.IsPublic() && p.Status != ProposalStatus.Merged)
            .ToList();
        var testimonies = await db.Testimonies.Where(t => t.Status == TestimonyStatus.Published).OrderBy(t => t.Id)
            .Select(t => new { t.Id, Words = (t.Text ?? "") + " " + (t.Transcript ?? "") }).ToListAsync();
        var questions = await db.Questions.OrderBy(q => q.Id).Select(q => new { q.Id, q.Text }).ToListAsync();

        var grounds = new List<(int Key, GroundKind Kind, int SourceId)>();
        foreach (var practice in practices)
        {
            var key = keyOf(practice.Name);
            // The first proposal for each title it names, then a second one when it names a single title.
            var named = practice.Proposals
                .SelectMany(title => proposals.Where(p => p.Title == title).OrderByDescending(p => p.Themes.HasFlag(practice.Chapter)).Take(practice.Proposals.Length == 1 ? 2 : 1))
                .Select(p => p.Id)
                .ToList();
            if (named.Count == 0)
            {
                named = proposals.Where(p => p.Themes.HasFlag(practice.Chapter)).Take(2).Select(p => p.Id).ToList();
            }
            grounds.AddRange(named.Take(3).Select(id => (key, GroundKind.Proposal, id)));
            if (practice.Testimony is { } words && testimonies.FirstOrDefault(t => t.Words.Contains(words, StringComparison.OrdinalIgnoreCase)) is { } testimony)
            {
                grounds.Add((key, GroundKind.Testimony, testimony.Id));
            }
            if (practice.Question is { } text && questions.FirstOrDefault(q => q.Text == text) is { } question)
            {
                grounds.Add((key, GroundKind.Question, question.Id));
            }
        }
        return grounds;
    }
}
