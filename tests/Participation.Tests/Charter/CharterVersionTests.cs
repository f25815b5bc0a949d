using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Charter;
using Participation.Web.Demo;
using Participation.Web.Shared;

namespace Participation.Tests.Charter;

/// <summary>A charter's versions through the real services on a site of their own: drafting, the vote window, adoption, signatures.</summary>
public sealed class CharterVersionTests : IAsyncLifetime
{
    // The demo's accounts, without the demo's charter: these tests write version 1 themselves.
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Charter"] = "false" });
    private AsyncServiceScope _scope;
    private CharterVersions _versions = null!;

    private static readonly Actor Staff = new("staff", [Roles.Admin], "Pilotage");

    public Task InitializeAsync()
    {
        _app.CreateClient();
        _scope = _app.Services.CreateAsyncScope();
        _versions = _scope.ServiceProvider.GetRequiredService<CharterVersions>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _app.DisposeAsync();
    }

    private async Task<CharterVersion> AdoptedFirstVersionAsync()
    {
        var (draft, refusal) = await _versions.DraftNextAsync();
        Assert.Null(refusal);
        Assert.Empty((await _versions.AddPracticeAsync(draft!.Id, Theme.Digital, "Les règles du téléphone sont écrites avec les jeunes du foyer.", "On écrit ensemble les règles du téléphone.")).Errors);
        Assert.Empty((await _versions.AddPracticeAsync(draft.Id, Theme.Food, "Les jeunes choisissent un repas par semaine.", "Chaque semaine, on choisit un repas.")).Errors);
        await VoteHeldAsync(draft.Id);
        Assert.Empty((await _versions.AdoptAsync(draft.Id, Staff)).Errors);
        return draft;
    }

    /// <summary>The young people's vote opened, then its window closed: the version may be adopted.</summary>
    private async Task VoteHeldAsync(int versionId)
    {
        Assert.Contains("n'a pas encore été soumise au vote des jeunes", (await _versions.AdoptAsync(versionId, Staff)).Errors[""]);
        Assert.Empty((await _versions.OpenVoteAsync(versionId, DateTimeOffset.UtcNow.AddDays(-15), DateTimeOffset.UtcNow.AddDays(1))).Errors);
        var db = _scope.ServiceProvider.GetRequiredService<Participation.Web.Data.ParticipationDb>();
        await db.CharterVersions.Where(v => v.Id == versionId).ExecuteUpdateAsync(set => set.SetProperty(v => v.VoteClosesAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        db.ChangeTracker.Clear();
    }

    [Fact]
    public async Task A_new_version_starts_from_the_last_one_with_the_same_keys_and_an_adopted_one_never_changes()
    {
        var first = await AdoptedFirstVersionAsync();
        var (second, _) = await _versions.DraftNextAsync();
        Assert.Equal(2, second!.Number);

        var db = _scope.ServiceProvider.GetRequiredService<Participation.Web.Data.ParticipationDb>();
        var before = await db.CharterPractices.Where(p => p.VersionId == first.Id).OrderBy(p => p.Key).ToListAsync();
        var after = await db.CharterPractices.Where(p => p.VersionId == second.Id).OrderBy(p => p.Key).ToListAsync();
        Assert.Equal(before.Select(p => (p.Key, p.Statement)), after.Select(p => (p.Key, p.Statement)));

        // The adopted version refuses every change; the draft takes them.
        var frozen = await _versions.RewordAsync(before[0].Id, Theme.Digital, "Un autre texte pour cette pratique.", "Autre texte.");
        Assert.Contains("est adoptée : elle ne change plus", frozen.Errors[""]);
        Assert.Empty((await _versions.RewordAsync(after[0].Id, Theme.Digital, "Les règles du téléphone sont écrites chaque année avec les jeunes du foyer.", "Chaque année, on écrit ensemble les règles du téléphone.")).Errors);
        Assert.Empty((await _versions.RemovePracticeAsync(after[1].Id)).Errors);
        var added = (await _versions.AddPracticeAsync(second.Id, Theme.Privacy, "Chacun a un endroit fermé à clé pour ses affaires.", "J'ai un endroit fermé à clé.")).Value;
        Assert.True(added!.Key > before.Max(p => p.Key));

        var changes = CharterDiff.Compare(before, await db.CharterPractices.AsNoTracking().Where(p => p.VersionId == second.Id).ToListAsync());
        Assert.Equal(PracticeChange.Reworded, changes.Single(c => c.Key == before[0].Key).Change);
        Assert.Equal(PracticeChange.Removed, changes.Single(c => c.Key == before[1].Key).Change);
        Assert.Equal(PracticeChange.Added, changes.Single(c => c.Key == added.Key).Change);
        Assert.Contains(changes.Single(c => c.Key == before[0].Key).Statement, p => p.Kind == PieceKind.Inserted && p.Text.Contains("chaque année"));
        Assert.Equal("Les règles du téléphone sont écrites avec les jeunes du foyer.", (await db.CharterPractices.AsNoTracking().SingleAsync(p => p.Id == before[0].Id)).Statement);

        var (third, busy) = await _versions.DraftNextAsync();
        Assert.Null(third);
        Assert.Equal("La version 2 est encore en préparation : adoptez-la avant d'en commencer une autre.", busy);
    }

    [Fact]
    public async Task A_version_under_vote_is_frozen_until_its_window_closes_then_adopted()
    {
        var (draft, _) = await _versions.DraftNextAsync();
        var empty = await _versions.OpenVoteAsync(draft!.Id, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(14));
        Assert.Equal("Cette version n'a encore aucune pratique : il n'y a rien à voter.", empty.Errors[""]);
        var practice = (await _versions.AddPracticeAsync(draft.Id, Theme.Leisure, "Chaque jeune peut pratiquer une activité de son choix.", "Je choisis mon activité.")).Value;
        Assert.Contains("VoteClosesAt", (await _versions.OpenVoteAsync(draft.Id, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(-1))).Errors);
        Assert.Empty((await _versions.OpenVoteAsync(draft.Id, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(14))).Errors);

        Assert.Contains("soumise au vote des jeunes", (await _versions.RewordAsync(practice!.Id, Theme.Leisure, "Un texte changé pendant le vote.", "Changé.")).Errors[""]);
        Assert.Contains("n'est pas fini", (await _versions.AdoptAsync(draft.Id, Staff)).Errors[""]);
        var db = _scope.ServiceProvider.GetRequiredService<Participation.Web.Data.ParticipationDb>();
        Assert.Equal(CharterVersionStatus.Consultation, (await db.CharterVersions.AsNoTracking().SingleAsync(v => v.Id == draft.Id)).Status);
        Assert.True((await db.CharterVersions.AsNoTracking().SingleAsync(v => v.Id == draft.Id)).VoteOpen(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Only_an_establishments_representative_signs_an_adopted_version_for_it_once()
    {
        var db = _scope.ServiceProvider.GetRequiredService<Participation.Web.Data.ParticipationDb>();
        var representative = await db.Users.AsNoTracking().SingleAsync(u => u.Email == $"etablissement@{DemoSeeder.Domain}");
        var own = representative.EstablishmentId!.Value;
        var other = await db.Establishments.Where(e => e.Id != own).Select(e => e.Id).FirstAsync();
        var signer = new Actor(representative.Id, [Roles.Establishment], "Représentant·e d'établissement");

        var (draft, _) = await _versions.DraftNextAsync();
        await _versions.AddPracticeAsync(draft!.Id, Theme.School, "Un adulte du foyer suit la scolarité de chaque jeune.", "Un adulte m'aide pour l'école.");
        Assert.Contains("on ne signe qu'une version adoptée", (await _versions.SignAsync(draft.Id, own, signer, "M. Durand, directeur")).Errors[""]);
        await VoteHeldAsync(draft.Id);
        Assert.Empty((await _versions.AdoptAsync(draft.Id, Staff)).Errors);

        Assert.Contains("Seul·e le ou la représentant·e", (await _versions.SignAsync(draft.Id, other, signer, "M. Durand, directeur")).Errors[""]);
        var facilitator = await db.Users.AsNoTracking().SingleAsync(u => u.Email == $"animation@{DemoSeeder.Domain}");
        Assert.Contains("Seul·e le ou la représentant·e", (await _versions.SignAsync(draft.Id, own, new Actor(facilitator.Id, [Roles.Facilitator], "Animation"), "Quelqu'un")).Errors[""]);
        // The name is printed on every certificate: a name and a function, nothing else.
        Assert.Contains("seulement le nom et la fonction", (await _versions.SignAsync(draft.Id, own, signer, "Appelez le 06 12 34 56 78")).Errors["Name"]);
        Assert.Contains("seulement le nom et la fonction", (await _versions.SignAsync(draft.Id, own, signer, "<b>Durand</b>")).Errors["Name"]);
        Assert.Equal(0, await _scope.ServiceProvider.GetRequiredService<Participation.Web.Data.ParticipationDb>().Ratifications.CountAsync());
        Assert.Empty((await _versions.SignAsync(draft.Id, own, signer, "M. Durand, directeur")).Errors);
        Assert.Contains("a déjà signé la version 1", (await _versions.SignAsync(draft.Id, own, signer, "M. Durand, directeur")).Errors[""]);

        var signature = await db.Ratifications.AsNoTracking().SingleAsync();
        Assert.Equal((draft.Id, own, representative.Id, "M. Durand, directeur"), (signature.VersionId, signature.EstablishmentId, signature.SignedById, signature.SignedByName));
        // Renamed later, the establishment's certificate still reads the name it signed under.
        var signedAs = await db.Establishments.Where(e => e.Id == own).Select(e => e.Name).SingleAsync();
        Assert.Equal(signedAs, signature.EstablishmentName);
        await db.Establishments.Where(e => e.Id == own).ExecuteUpdateAsync(set => set.SetProperty(e => e.Name, "Maison renommée"));
        var listed = (await _scope.ServiceProvider.GetRequiredService<CharterQueries>().VersionsAsync(withDrafts: false)).Single(v => v.Id == draft.Id).Signatories.Single();
        Assert.Equal(signedAs, listed.Establishment);
    }

    [Fact]
    public async Task A_practice_needs_a_chapter_of_the_charter_a_clear_statement_and_its_easy_to_read_version()
    {
        var (draft, _) = await _versions.DraftNextAsync();

        var added = await _versions.AddPracticeAsync(draft!.Id, Theme.Rights, "Court", "");

        Assert.Null(added.Value);
        Assert.Equal(["Chapter", "EasyRead", "Statement"], added.Errors.Keys.Order());
        var db = _scope.ServiceProvider.GetRequiredService<Participation.Web.Data.ParticipationDb>();
        Assert.False(await db.CharterPractices.AnyAsync());
    }
}
