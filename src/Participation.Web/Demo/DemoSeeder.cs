using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>
    /// Fill an empty database with a fictional département on start-up. Off unless set: the
    /// Development settings turn it on for `dotnet run`, a production start never has it by chance.
    /// </summary>
    public bool Seed { get; set; }

    /// <summary>Number of young members, spread evenly over the four age bands.</summary>
    public int YoungMembers { get; set; } = 60;

    /// <summary>Proposals invented for the demo, across every channel and step.</summary>
    public int Proposals { get; set; } = 240;

    /// <summary>The two demo micro-trottoirs, whose photos and recordings go through the media pipeline at start-up.</summary>
    public bool Testimonies { get; set; } = true;

    /// <summary>The quality charter: two versions, signatures and a year of follow-up. Off, the charter starts empty.</summary>
    public bool Charter { get; set; } = true;
}

/// <summary>
/// A fictional département, the same on every run: everyone in it is invented by Bogus from a
/// fixed seed. The accounts in <see cref="Logins"/> are listed in the README.
/// </summary>
public sealed class DemoSeeder(ParticipationDb db, UserManager<Member> users, TimeProvider clock, ProposalGenerator proposals, CouncilDemo council, ConsultationDemo consultations, TestimonyDemo testimonies, PeerDemo peers, CharterDemo charter, ILogger<DemoSeeder> logger)
{
    public const string Password = "bellerive-demo";
    public const string Domain = "demo.bellerive.example";
    public const string PendingCode = "KP7M-Q4RA";
    public const string PendingPseudonym = "Tournesol";

    /// <summary>Signed-in demo accounts: one per role, and one young member per age band.</summary>
    public static readonly IReadOnlyList<(string Login, string Role, string Description)> Logins =
    [
        ("Colibri", Roles.Young, "jeune de 7–10 ans"),
        ("Loutre", Roles.Young, "jeune de 11–14 ans"),
        ("Faucon", Roles.Young, "jeune de 15–17 ans"),
        ("Baobab", Roles.Young, "jeune de 18–25 ans"),
        ($"parent@{Domain}", Roles.Parent, "parent"),
        ($"animation@{Domain}", Roles.Facilitator, "animatrice"),
        ($"moderation@{Domain}", Roles.Moderator, "modérateur"),
        ($"pro@{Domain}", Roles.Professional, "éducatrice"),
        ($"etablissement@{Domain}", Roles.Establishment, "directeur de la MECS Les Tilleuls"),
        ($"pilotage@{Domain}", Roles.Admin, "pilotage du schéma"),
    ];

    private static readonly string[] Animals =
        ["Renard", "Hibou", "Panda", "Dauphin", "Koala", "Lynx", "Ecureuil", "Mesange", "Zebre", "Lama", "Pingouin", "Castor", "Herisson", "Tigre", "Otarie", "Gazelle", "Bison", "Corbeau", "Phoque", "Manchot"];
    private static readonly string[] Qualities =
        ["Calme", "Rapide", "Malin", "Joyeux", "Curieux", "Brave", "Doux", "Futé", "Rieur", "Vif", "Sage", "Zen"];

    public async Task SeedAsync(DemoOptions options)
    {
        if (await db.Users.AnyAsync())
        {
            return;
        }
        var year = clock.GetLocalNow().Year;
        var now = clock.GetUtcNow();
        var faker = new Faker("fr") { Random = new Randomizer(20250101) };
        var hasher = new PasswordHasher<Member>();
        // One hash for every demo account: hashing sixty passwords would slow every start.
        var passwordHash = hasher.HashPassword(new Member { Pseudonym = "demo" }, Password);

        await using var transaction = await db.Database.BeginTransactionAsync();

        var tilleuls = new Establishment { Name = "MECS Les Tilleuls", Kind = "Maison d'enfants à caractère social", Town = "Bellerive" };
        var passerelle = new Establishment { Name = "Foyer La Passerelle", Kind = "Foyer de l'enfance", Town = "Saint-Aubin-de-Bellerive" };
        db.Establishments.AddRange(tilleuls, passerelle);
        await db.SaveChangesAsync();

        async Task<Member> Add(string role, string pseudonym, string? email, string? realName, int? birthYear = null, Establishment? establishment = null, bool activated = true)
        {
            var member = new Member
            {
                UserName = email ?? pseudonym,
                Email = email,
                EmailConfirmed = email is not null,
                Pseudonym = pseudonym,
                RealName = realName,
                BirthYear = birthYear,
                EstablishmentId = establishment?.Id,
                CreatedAt = now,
                PasswordHash = activated ? passwordHash : null,
                ActivatedAt = activated ? now : null,
            };
            var created = await users.CreateAsync(member);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {pseudonym}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
            await users.AddToRoleAsync(member, role);
            return member;
        }

        string Person() => faker.Name.FullName();

        await Add(Roles.Admin, "Pilotage", $"pilotage@{Domain}", Person());
        var nadia = await Add(Roles.Facilitator, "Anim-Nadia", $"animation@{Domain}", Person());
        var yanis = await Add(Roles.Facilitator, "Anim-Yanis", $"animation2@{Domain}", Person());
        await Add(Roles.Facilitator, "Anim-Claire", $"animation3@{Domain}", Person());
        await Add(Roles.Moderator, "Moderation", $"moderation@{Domain}", Person());
        await Add(Roles.Establishment, "Les-Tilleuls", $"etablissement@{Domain}", Person(), establishment: tilleuls);
        await Add(Roles.Establishment, "La-Passerelle", $"etablissement2@{Domain}", Person(), establishment: passerelle);
        await Add(Roles.Professional, "Educ-Sarah", $"pro@{Domain}", Person(), establishment: tilleuls);
        for (var i = 2; i <= 6; i++)
        {
            await Add(Roles.Professional, $"Pro-{i}", $"pro{i}@{Domain}", Person(), establishment: i % 2 == 0 ? passerelle : tilleuls);
        }
        // Nadia follows both homes, Yanis La Passerelle only, Claire none: she sees only the young people she signs up.
        db.FollowedEstablishments.AddRange(
            new FollowedEstablishment { FacilitatorId = nadia.Id, EstablishmentId = tilleuls.Id },
            new FollowedEstablishment { FacilitatorId = nadia.Id, EstablishmentId = passerelle.Id },
            new FollowedEstablishment { FacilitatorId = yanis.Id, EstablishmentId = passerelle.Id });
        await db.SaveChangesAsync();
        // Parents are never asked their name: a pseudonym and an address are their whole account.
        await Add(Roles.Parent, "Parent-1", $"parent@{Domain}", realName: null);
        for (var i = 2; i <= 10; i++)
        {
            await Add(Roles.Parent, $"Parent-{i}", $"parent{i}@{Domain}", realName: null);
        }

        // Young members: the four named ones can sign in; Tournesol waits for its code; the rest
        // are spread evenly across the bands.
        var named = new (string Pseudonym, int Age)[] { ("Colibri", 9), ("Loutre", 13), ("Faucon", 16), ("Baobab", 20) };
        foreach (var (pseudonym, age) in named)
        {
            await Add(Roles.Young, pseudonym, null, Person(), year - age, age < 18 ? tilleuls : null);
        }
        var pending = await Add(Roles.Young, PendingPseudonym, null, Person(), year - 12, passerelle, activated: false);
        pending.ActivationCodeHash = ActivationCodes.Hash(ActivationCodes.Normalise(PendingCode)!);
        pending.ActivationCodeExpiresAt = now.AddYears(5);
        await users.UpdateAsync(pending);

        var taken = new HashSet<string>(named.Select(n => n.Pseudonym)) { PendingPseudonym };
        var bands = AgeBands.All;
        for (var i = taken.Count; i < options.YoungMembers; i++)
        {
            var (min, max) = bands[i % bands.Count].Ages();
            string pseudonym;
            do
            {
                pseudonym = $"{faker.PickRandom(Animals)}-{faker.PickRandom(Qualities)}-{faker.Random.Number(10, 99)}";
            }
            while (!taken.Add(pseudonym));
            var age = faker.Random.Number(min, max);
            await Add(Roles.Young, pseudonym, null, Person(), year - age,
                age < 18 ? faker.PickRandom(tilleuls, passerelle) : null, activated: faker.Random.Bool(0.8f));
        }

        await proposals.SeedDemoAsync(options.Proposals, seed: 2025);
        await council.SeedAsync(seed: 2026);
        await consultations.SeedAsync(seed: 2027, withProposals: options.Proposals > 0);
        if (options.Testimonies)
        {
            await testimonies.SeedAsync(seed: 2028);
        }
        await peers.SeedAsync(seed: 2029);
        if (options.Charter)
        {
            await charter.SeedAsync(seed: 2030);
        }

        await transaction.CommitAsync();
        logger.LogInformation("Demo département created: {Count} accounts (password for all: {Password})", await db.Users.CountAsync(), Password);
    }
}

public static class DemoExtensions
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<ProposalGenerator>();
        builder.Services.AddScoped<CouncilDemo>();
        builder.Services.AddScoped<ConsultationDemo>();
        builder.Services.AddScoped<TestimonyDemo>();
        builder.Services.AddScoped<PeerDemo>();
        builder.Services.AddScoped<CharterDemo>();
        return builder;
    }

    public static async Task SeedDemoAsync(this WebApplication app)
    {
        var options = app.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        if (!options.Seed)
        {
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(options);
    }
}
