using Bogus;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Participation.Web.Data;
using Participation.Web.Notifications;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Web.Demo;

/// <summary>
/// Invents proposals, the same ones for the same seed: the demo's few hundred, or a hundred
/// thousand to measure the site with.
/// </summary>
public sealed class ProposalGenerator(ParticipationDb db, TimeProvider clock)
{
    private sealed record Idea(Theme Theme, string Title, string Text);

    // Ideas written for this demo, in the spirit of what youth councils say.
    private static readonly Idea[] Ideas =
    [
        new(Theme.Food, "Cuisiner avec les éducateurs le week-end", "Le samedi, on pourrait préparer le repas ensemble. On apprendrait à cuisiner et ce serait plus convivial que les plateaux."),
        new(Theme.Food, "Choisir une partie des menus", "Une fois par semaine, les jeunes du groupe choisissent le menu. Ça éviterait de jeter autant de nourriture."),
        new(Theme.Food, "Des fruits en libre accès", "Une corbeille de fruits dans la salle commune, pour avoir quelque chose à manger en rentrant du collège."),
        new(Theme.Food, "Respecter les régimes de chacun", "Certains ne mangent pas de porc ou sont végétariens. Il faudrait toujours une autre option au repas."),
        new(Theme.Privacy, "Frapper avant d'entrer dans les chambres", "Les adultes entrent parfois sans frapper. On voudrait une règle claire, affichée, et qu'elle soit respectée."),
        new(Theme.Privacy, "Une clé pour sa chambre", "Avoir une clé ou un casier qui ferme pour garder ses affaires personnelles et ses papiers."),
        new(Theme.Privacy, "Un endroit calme pour téléphoner", "Quand on appelle sa famille, tout le monde entend. Une petite pièce pour s'isoler serait bien."),
        new(Theme.Digital, "Le wifi le soir jusqu'à 22 heures", "Le wifi est coupé trop tôt. Pour les devoirs et pour parler avec les amis, ce serait mieux jusqu'à 22 heures."),
        new(Theme.Digital, "Des ateliers sur les dangers d'internet", "Apprendre à se protéger sur les réseaux sociaux, avec des jeunes qui expliquent aux plus jeunes."),
        new(Theme.Digital, "Pouvoir garder son téléphone", "Les règles sur le téléphone changent d'un foyer à l'autre. On voudrait les mêmes règles partout, écrites avec nous."),
        new(Theme.SocialLife, "Inviter un ami à goûter", "Pouvoir inviter un copain ou une copine de l'école au foyer, comme les autres enfants le font chez eux."),
        new(Theme.SocialLife, "Dormir chez un ami sans attendre des semaines", "L'autorisation pour dormir chez un ami prend trop de temps. Il faudrait une réponse en quelques jours."),
        new(Theme.SocialLife, "Fêter les anniversaires", "Que chaque anniversaire soit fêté avec un gâteau et les personnes qu'on a choisies."),
        new(Theme.Health, "Voir un psychologue sans attendre", "Quand on va mal, il faut parfois attendre des mois. On voudrait un rendez-vous rapide."),
        new(Theme.Health, "Savoir qui contacter la nuit", "Afficher dans chaque chambre les numéros d'aide, comme le 119, et le nom de l'adulte de garde."),
        new(Theme.Health, "Des consultations chez le dentiste et l'ophtalmo", "Faire un bilan de santé complet à l'arrivée, avec les rendez-vous pris pour nous."),
        new(Theme.School, "Une aide aux devoirs tous les soirs", "Un adulte ou un étudiant disponible pour les devoirs, surtout en période d'examens."),
        new(Theme.School, "Garder la même école quand on change de lieu", "Changer de foyer, c'est déjà dur. Rester dans la même école permet de garder ses amis."),
        new(Theme.School, "Un ordinateur pour les devoirs", "Un ordinateur en état de marche, dans une pièce calme, pour les exposés et le brevet."),
        new(Theme.Leisure, "Choisir une activité de loisir", "Chaque jeune pourrait choisir un sport ou une activité, payée par le Département, et la garder toute l'année."),
        new(Theme.Leisure, "Partir en vacances avec le groupe", "Des séjours choisis avec les jeunes, pas seulement des centres aérés."),
        new(Theme.Leisure, "Des sorties culturelles gratuites", "Cinéma, concerts, musées : une carte qui permet d'y aller avec un adulte ou des amis."),
        new(Theme.Identity, "Avoir accès à son dossier", "Comprendre son histoire en lisant son dossier, accompagné par quelqu'un qui explique."),
        new(Theme.Identity, "Garder des photos de son enfance", "Un album de vie qui suit le jeune partout, avec ses photos et ses souvenirs."),
        new(Theme.FamilyTies, "Voir ses frères et sœurs plus souvent", "Quand les frères et sœurs sont placés dans des lieux différents, organiser des rencontres régulières."),
        new(Theme.FamilyTies, "Appeler ses parents quand on veut", "Dans la limite de ce que le juge permet, pouvoir appeler ses parents sans attendre le jour prévu."),
        new(Theme.FamilyTies, "Associer les parents aux décisions", "Les parents voudraient être prévenus et consultés avant les décisions importantes pour leur enfant."),
        new(Theme.LeavingCare, "Préparer la sortie dès 16 ans", "Apprendre à faire un budget, chercher un logement, faire ses papiers, bien avant 18 ans."),
        new(Theme.LeavingCare, "Un référent après 18 ans", "Garder une personne de confiance à qui parler quand on quitte l'aide sociale à l'enfance."),
        new(Theme.LeavingCare, "Un logement pour les jeunes majeurs", "Des petits appartements pour les jeunes de 18 à 21 ans, avec un accompagnement léger."),
        new(Theme.Rights, "Expliquer nos droits à l'arrivée", "Un livret simple, avec des dessins, qui explique nos droits et qui contacter."),
        new(Theme.Rights, "Être écouté par le juge", "Préparer l'audience avec quelqu'un et pouvoir dire ce qu'on pense, même quand on est petit."),
        new(Theme.DailyLife, "Des règles de vie écrites avec nous", "Chaque année, revoir les règles du foyer ensemble, en réunion, et les afficher."),
        new(Theme.DailyLife, "De l'argent de poche régulier", "Le même argent de poche partout, versé à date fixe, pour apprendre à gérer."),
        new(Theme.DailyLife, "Décorer sa chambre", "Pouvoir choisir une couleur, mettre ses posters, se sentir chez soi."),
    ];

    /// <summary>A place of the demo with its name after « de » and after « à », as French contracts them (« des Tilleuls », « au Moulin »).</summary>
    private sealed record Place(string Name, string Of, string At);

    private static readonly Place[] Places =
    [
        new("Les Tilleuls", "des Tilleuls", "aux Tilleuls"),
        new("La Passerelle", "de La Passerelle", "à La Passerelle"),
        new("Saint-Aubin", "de Saint-Aubin", "à Saint-Aubin"),
        new("Bellerive-centre", "de Bellerive-centre", "à Bellerive-centre"),
        new("Les Hauts-de-Loue", "des Hauts-de-Loue", "aux Hauts-de-Loue"),
        new("Le Moulin", "du Moulin", "au Moulin"),
    ];

    /// <summary>What the département wrote when a demo proposal was carried out.</summary>
    private static readonly string[] WhatWasDone =
    [
        "Essayé trois mois dans deux foyers, puis mis en place dans tous les lieux d'accueil du Département à la rentrée.",
        "Écrit dans le règlement de fonctionnement des établissements, et expliqué aux jeunes lors des réunions de groupe.",
        "Un budget a été voté en commission permanente ; chaque établissement l'a reçu et en rend compte chaque trimestre.",
    ];

    /// <summary>An action of the plan a generated proposal may be linked to, with its themes.</summary>
    public sealed record PlanAction(int Id, Theme Themes);

    public sealed record Authors(IReadOnlyList<(string Id, AgeBand Band, string Pseudonym)> Young, IReadOnlyList<string> Professionals);

    /// <summary>Proposals for the demo, with trails, supports and notifications, through EF.</summary>
    public async Task SeedDemoAsync(int count, int seed)
    {
        var now = clock.GetUtcNow();
        var year = clock.GetLocalNow().Year;
        var young = await db.MembersInRole(Roles.Young).Where(u => u.PasswordHash != null).OrderBy(u => u.Pseudonym)
            .Select(u => new { u.Id, u.BirthYear, u.Pseudonym }).ToListAsync();
        var youngAuthors = young.Select(y => (y.Id, AgeBands.ForBirthYear(y.BirthYear!.Value, year)!.Value, y.Pseudonym)).ToList();
        var pros = await db.MembersInRole(Roles.Professional).OrderBy(u => u.Email).Select(u => u.Id).ToListAsync();
        var leaves = await db.PlanNodes.Where(n => n.IsLeaf && n.Plan!.IsPrimary).OrderBy(n => n.Code).Select(n => new PlanAction(n.Id, n.Themes)).ToListAsync();

        var proposals = Generate(count, seed, now, new Authors(youngAuthors, pros), leaves).ToList();
        db.Proposals.AddRange(proposals);
        await db.SaveChangesAsync();

        // Supports from other young members, then the counts and the authors' notifications.
        var faker = new Faker("fr") { Random = new Randomizer(seed + 1) };
        foreach (var proposal in proposals.Where(p => p.Status.IsPublic() && p.Status != ProposalStatus.Merged))
        {
            var supporters = faker.PickRandom(youngAuthors, faker.Random.Number(0, Math.Min(12, youngAuthors.Count))).Select(y => y.Id).Distinct()
                .Where(id => proposal.Authors.All(a => a.MemberId != id)).ToList();
            db.Supports.AddRange(supporters.Select(id => new Support { ProposalId = proposal.Id, MemberId = id, CreatedAt = proposal.CreatedAt.AddDays(1) }));
            proposal.SupportCount = supporters.Count;
            foreach (var step in proposal.Events.Where(e => e.Kind == EventKind.StatusChanged))
            {
                foreach (var author in proposal.Authors.Where(a => a.MemberId is not null))
                {
                    var onRoad = Array.IndexOf(Lifecycle.Road, step.ToStatus!.Value);
                    db.Notifications.Add(new Notification
                    {
                        MemberId = author.MemberId!, ProposalId = proposal.Id, CreatedAt = step.At, ReadAt = step.At.AddDays(2) < now ? step.At.AddDays(2) : null,
                        Text = author.Kind == AuthorKind.YoungMember
                            ? $"Ton idée a avancé ! « {proposal.Title} » est maintenant : {step.ToStatus!.Value.Label()}."
                            : $"Votre proposition « {proposal.Title} » est maintenant : {step.ToStatus!.Value.Label()}.",
                        Step = onRoad >= 0 ? onRoad + 1 : null, StepCount = onRoad >= 0 ? Lifecycle.Road.Length : null,
                    });
                }
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Proposals spread over the last two years, across channels, themes, ages and every step of
    /// the road, each with the trail that leads to its status.
    /// </summary>
    public static IEnumerable<Proposal> Generate(int count, int seed, DateTimeOffset now, Authors authors, IReadOnlyList<PlanAction> leaves)
    {
        var faker = new Faker("fr") { Random = new Randomizer(seed) };
        var youngAuthors = authors.Young.ToArray();
        var professionals = authors.Professionals.ToArray();
        var channels = new[] { (Channel.Online, 40f), (Channel.CouncilSession, 25f), (Channel.Questionnaire, 12f), (Channel.VoxPop, 8f), (Channel.PeerNetwork, 5f), (Channel.Paper, 7f), (Channel.Phone, 3f) };
        var statuses = new[]
        {
            (ProposalStatus.Deposited, 12f), (ProposalStatus.Published, 30f), (ProposalStatus.RetainedByCouncil, 15f), (ProposalStatus.SentToDepartment, 12f),
            (ProposalStatus.Integrated, 12f), (ProposalStatus.Done, 7f), (ProposalStatus.NotRetained, 8f), (ProposalStatus.Merged, 2f), (ProposalStatus.Declined, 2f),
        };
        for (var i = 0; i < count; i++)
        {
            var idea = faker.PickRandom(Ideas);
            var channel = Pick(faker, channels);
            var status = Pick(faker, statuses);
            var created = now.AddMinutes(-faker.Random.Number(60, 2 * 365 * 24 * 60));
            var themes = idea.Theme | (faker.Random.Bool(0.25f) ? faker.PickRandom(Themes.All.ToArray()) : Theme.None);
            // Linked only to an action about the idea's own theme, as a person sorting it would.
            var actions = leaves.Where(a => (a.Themes & idea.Theme) != 0).Select(a => a.Id).ToArray();

            var author = new ProposalAuthor { Kind = AuthorKind.YoungMember };
            var bands = AgeBandSet.None;
            string actorLabel;
            if (channel == Channel.Questionnaire || (channel is Channel.Paper or Channel.Phone && faker.Random.Bool(0.4f)))
            {
                author.Kind = AuthorKind.Parent;
                actorLabel = channel == Channel.Questionnaire ? AuthorKind.Parent.Label() : $"saisie par l'équipe pour {AuthorKind.Parent.Label()}";
            }
            else if (channel == Channel.Online && faker.Random.Bool(0.2f) && authors.Professionals.Count > 0)
            {
                author.Kind = AuthorKind.Professional;
                author.MemberId = faker.PickRandom(professionals);
                actorLabel = AuthorKind.Professional.Label();
            }
            else if (authors.Young.Count > 0 && channel is Channel.Online or Channel.CouncilSession or Channel.PeerNetwork)
            {
                var young = faker.PickRandom(youngAuthors);
                author.MemberId = young.Id;
                bands = young.Band.ToSet();
                actorLabel = young.Pseudonym;
            }
            else
            {
                bands = faker.PickRandom(AgeBands.All.ToArray()).ToSet();
                actorLabel = channel is Channel.Paper or Channel.Phone ? $"saisie par l'équipe pour {AuthorKind.YoungMember.Label()}" : AuthorKind.YoungMember.Label();
            }

            var proposal = new Proposal
            {
                Title = idea.Title,
                Text = faker.Random.Bool(0.5f) ? idea.Text : $"{idea.Text} C'est ce qu'on a dit au groupe {faker.PickRandom(Places).Of}.",
                Status = status,
                Channel = channel,
                OriginDetail = channel switch
                {
                    Channel.CouncilSession => faker.Random.Bool() ? $"Plénière {faker.PickRandom(Places).At}" : $"Groupe de travail {faker.PickRandom(Places).At}",
                    Channel.VoxPop => $"Fête du quartier, {faker.PickRandom(Places).Name}",
                    Channel.Paper or Channel.Phone => $"Permanence {faker.PickRandom(Places).Of}",
                    _ => null,
                },
                Themes = themes,
                AgeBands = bands,
                CreatedAt = created,
                UpdatedAt = created,
                Authors = [author],
            };
            proposal.Events.Add(new ProposalEvent { At = created, Kind = EventKind.Submitted, ActorLabel = actorLabel, ToStatus = ProposalStatus.Deposited });

            var road = status switch
            {
                ProposalStatus.NotRetained => Lifecycle.Road.Take(faker.Random.Number(2, 3)).Append(ProposalStatus.NotRetained),
                ProposalStatus.Declined => Lifecycle.Road.Take(1).Append(ProposalStatus.Declined),
                ProposalStatus.Merged => Lifecycle.Road.Take(2).Append(ProposalStatus.Merged),
                _ => Lifecycle.Road.Take(Array.IndexOf(Lifecycle.Road, status) + 1),
            };
            var at = created;
            var previous = ProposalStatus.Deposited;
            foreach (var step in road.Skip(1))
            {
                at = at.AddHours(faker.Random.Number(6, 24 * 40));
                if (at > now)
                {
                    at = now;
                }
                if (step == ProposalStatus.Integrated && actions.Length > 0 && proposal.PlanLinks.Count == 0)
                {
                    proposal.PlanLinks.Add(new ProposalPlanLink { PlanNodeId = faker.PickRandom(actions) });
                }
                proposal.Events.Add(new ProposalEvent
                {
                    At = at, Kind = EventKind.StatusChanged, ActorLabel = step is ProposalStatus.Published or ProposalStatus.Declined ? Roles.Label(Roles.Moderator) : step is ProposalStatus.RetainedByCouncil ? Roles.Label(Roles.Facilitator) : Roles.Label(Roles.Admin),
                    FromStatus = previous, ToStatus = step,
                    Reason = step switch
                    {
                        ProposalStatus.NotRetained => faker.PickRandom(
                            "Cette demande existe déjà dans le règlement départemental ; nous allons mieux la faire connaître.",
                            "Le juge des enfants décide de ce point : le Département ne peut pas le changer seul.",
                            "Le budget de cette année ne le permet pas ; la proposition sera revue l'an prochain."),
                        ProposalStatus.Declined => "Elle nomme une personne : pour la protéger, elle n'est pas publiée. Tu peux la proposer à nouveau sans le nom.",
                        ProposalStatus.Merged => "Une proposition dit la même chose : les deux sont regroupées.",
                        ProposalStatus.Integrated => "Reprise dans le plan d'action du schéma.",
                        ProposalStatus.Done => WhatWasDone[i % WhatWasDone.Length],
                        _ => null,
                    },
                });
                previous = step;
            }
            if (status is ProposalStatus.Published or ProposalStatus.RetainedByCouncil or ProposalStatus.SentToDepartment && actions.Length > 0 && faker.Random.Bool(0.5f))
            {
                proposal.PlanLinks.Add(new ProposalPlanLink { PlanNodeId = faker.PickRandom(actions) });
            }
            proposal.UpdatedAt = at;
            yield return proposal;
        }
    }

    /// <summary>
    /// Writes generated proposals straight to the database in large transactions, bypassing EF:
    /// the way to load a million of them in minutes for a benchmark. SQLite takes prepared
    /// statements in-process; PostgreSQL takes binary COPY, one stream per table and batch.
    /// </summary>
    public async Task BulkInsertAsync(int count, int seed, Authors authors)
    {
        var leaves = await db.PlanNodes.Where(n => n.IsLeaf && n.Plan!.IsPrimary).OrderBy(n => n.Code).Select(n => new PlanAction(n.Id, n.Themes)).ToListAsync();
        var firstId = 1 + await db.Proposals.Select(p => (int?)p.Id).MaxAsync() ?? 1;
        var batches = Generate(count, seed, clock.GetUtcNow(), authors, leaves).Take(count)
            .Select((proposal, i) => (Id: firstId + i, Proposal: proposal))
            .Chunk(5000);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        if (connection is NpgsqlConnection postgres)
        {
            await CopyToPostgresAsync(postgres, batches);
        }
        else
        {
            await InsertIntoSqliteAsync((SqliteConnection)connection, batches);
        }
    }

    private static async Task InsertIntoSqliteAsync(SqliteConnection connection, IEnumerable<(int Id, Proposal Proposal)[]> batches)
    {
        var converter = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter();
        long Stamp(DateTimeOffset at) => (long)converter.ConvertToProvider(at)!;
        foreach (var batch in batches)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            var insertProposal = Command(connection, transaction,
                "INSERT INTO Proposals (Id, Title, Text, Status, Channel, OriginDetail, Themes, AgeBands, CreatedAt, UpdatedAt, SupportCount) VALUES ($id, $title, $text, $status, $channel, $detail, $themes, $bands, $created, $updated, 0)",
                "$id", "$title", "$text", "$status", "$channel", "$detail", "$themes", "$bands", "$created", "$updated");
            var insertAuthor = Command(connection, transaction, "INSERT INTO ProposalAuthors (ProposalId, MemberId, Kind) VALUES ($p, $m, $k)", "$p", "$m", "$k");
            var insertLink = Command(connection, transaction, "INSERT INTO ProposalPlanLinks (ProposalId, PlanNodeId) VALUES ($p, $n)", "$p", "$n");
            var insertEvent = Command(connection, transaction,
                "INSERT INTO ProposalEvents (ProposalId, At, Kind, ActorLabel, FromStatus, ToStatus, Reason) VALUES ($p, $at, $kind, $actor, $from, $to, $reason)",
                "$p", "$at", "$kind", "$actor", "$from", "$to", "$reason");
            foreach (var (id, p) in batch)
            {
                Run(insertProposal, id, p.Title, p.Text, (int)p.Status, (int)p.Channel, p.OriginDetail, (int)p.Themes, (int)p.AgeBands, Stamp(p.CreatedAt), Stamp(p.UpdatedAt));
                foreach (var a in p.Authors)
                {
                    Run(insertAuthor, id, a.MemberId, (int)a.Kind);
                }
                foreach (var l in p.PlanLinks.DistinctBy(l => l.PlanNodeId))
                {
                    Run(insertLink, id, l.PlanNodeId);
                }
                foreach (var e in p.Events)
                {
                    Run(insertEvent, id, Stamp(e.At), (int)e.Kind, e.ActorLabel, (int?)e.FromStatus, (int?)e.ToStatus, e.Reason);
                }
            }
            await transaction.CommitAsync();
        }
    }

    private static async Task CopyToPostgresAsync(NpgsqlConnection connection, IEnumerable<(int Id, Proposal Proposal)[]> batches)
    {
        foreach (var batch in batches)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await CopyAsync(connection, """COPY "Proposals" ("Id", "Title", "Text", "Status", "Channel", "OriginDetail", "Themes", "AgeBands", "CreatedAt", "UpdatedAt", "SupportCount", "HeldForSafety") FROM STDIN (FORMAT BINARY)""",
                batch.Select(b => new object?[] { b.Id, b.Proposal.Title, b.Proposal.Text, (int)b.Proposal.Status, (int)b.Proposal.Channel, b.Proposal.OriginDetail,
                    (int)b.Proposal.Themes, (int)b.Proposal.AgeBands, b.Proposal.CreatedAt.ToUniversalTime(), b.Proposal.UpdatedAt.ToUniversalTime(), 0, false }));
            await CopyAsync(connection, """COPY "ProposalAuthors" ("ProposalId", "MemberId", "Kind", "IsGuest") FROM STDIN (FORMAT BINARY)""",
                batch.SelectMany(b => b.Proposal.Authors.Select(a => new object?[] { b.Id, a.MemberId, (int)a.Kind, a.IsGuest })));
            await CopyAsync(connection, """COPY "ProposalPlanLinks" ("ProposalId", "PlanNodeId") FROM STDIN (FORMAT BINARY)""",
                batch.SelectMany(b => b.Proposal.PlanLinks.DistinctBy(l => l.PlanNodeId).Select(l => new object?[] { b.Id, l.PlanNodeId })));
            await CopyAsync(connection, """COPY "ProposalEvents" ("ProposalId", "At", "Kind", "ActorLabel", "FromStatus", "ToStatus", "Reason") FROM STDIN (FORMAT BINARY)""",
                batch.SelectMany(b => b.Proposal.Events.Select(e => new object?[] { b.Id, e.At.ToUniversalTime(), (int)e.Kind, e.ActorLabel, (int?)e.FromStatus, (int?)e.ToStatus, e.Reason })));
            await transaction.CommitAsync();
        }
        // The proposals came with their ids: the sequence moves past them for the next one written.
        await using var sequence = new NpgsqlCommand("""SELECT setval(pg_get_serial_sequence('"Proposals"', 'Id'), (SELECT max("Id") FROM "Proposals"))""", connection);
        await sequence.ExecuteScalarAsync();
        // The tables as autovacuum leaves them a little later: statistics for the planner, and the
        // visibility map that lets counts read the indexes alone.
        await using var analyze = new NpgsqlCommand("""VACUUM ANALYZE "Proposals", "ProposalAuthors", "ProposalPlanLinks", "ProposalEvents" """, connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string copy, IEnumerable<object?[]> rows)
    {
        await using var writer = await connection.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            foreach (var value in row)
            {
                await (value switch
                {
                    null => writer.WriteNullAsync(),
                    int i => writer.WriteAsync(i, NpgsqlDbType.Integer),
                    bool b => writer.WriteAsync(b, NpgsqlDbType.Boolean),
                    string text => writer.WriteAsync(text, NpgsqlDbType.Text),
                    DateTimeOffset at => writer.WriteAsync(at, NpgsqlDbType.TimestampTz),
                    _ => throw new ArgumentException($"No COPY type for {value.GetType()}"),
                });
            }
        }
        await writer.CompleteAsync();
    }

    // Bogus wants weights that add up to 1; these read better as percentages.
    private static T Pick<T>(Faker faker, (T Item, float Percent)[] choices) =>
        faker.Random.WeightedRandom(choices.Select(c => c.Item).ToArray(), choices.Select(c => c.Percent / choices.Sum(x => x.Percent)).ToArray());

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }
}
