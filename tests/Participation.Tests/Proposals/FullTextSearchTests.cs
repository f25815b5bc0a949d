using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Tests.Proposals;

/// <summary>The search of /propositions on the run's database, SQLite's FTS5 or PostgreSQL's tsvector.</summary>
public sealed class FullTextSearchTests : IAsyncLifetime
{
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Seed"] = "false" });

    public async Task InitializeAsync() => await Proposals.AddAsync(_app,
        ("Une école près du foyer", "Aller à l'école à pied, sans changer de bus trois fois."),
        ("Des sorties au musée", "Le dimanche, visiter les musées de la ville avec les éducateurs."),
        ("Une chambre à soi", "Un enfant accueilli devrait pouvoir fermer sa porte."));

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("ecole", "Une école près du foyer")]
    [InlineData("ÉCOLE", "Une école près du foyer")]
    [InlineData("musée dimanche", "Des sorties au musée")]
    [InlineData("mus", "Des sorties au musée")]
    public async Task A_search_finds_its_words_without_their_accents_case_or_ending(string typed, string title) =>
        Assert.Equal([title], await Proposals.FoundAsync(_app, typed));

    [Theory]
    [InlineData("école piscine")]
    [InlineData("NEAR(école) OR *")]
    public async Task Every_word_must_be_found_and_nothing_typed_is_an_operator(string typed) =>
        Assert.Empty(await Proposals.FoundAsync(_app, typed));

    internal static class Proposals
    {
        public static async Task AddAsync(ParticipationApp app, params (string Title, string Text)[] proposals)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.ParticipationDb>();
            var at = DateTimeOffset.UtcNow;
            db.Proposals.AddRange(proposals.Select(p => new Proposal
            {
                Title = p.Title, Text = p.Text, Status = ProposalStatus.Published, Channel = Channel.Online,
                Themes = Theme.School, CreatedAt = at, UpdatedAt = at,
            }));
            await db.SaveChangesAsync();
        }

        public static async Task<IReadOnlyList<string>> FoundAsync(ParticipationApp app, string typed)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var page = await scope.ServiceProvider.GetRequiredService<ProposalQueries>().SearchAsync(new ProposalFilter(Query: typed));
            return page.Rows.Select(r => r.Title).ToList();
        }
    }
}

/// <summary>What PostgreSQL's French configuration adds: words found whatever their ending.</summary>
[Trait(ParticipationApp.Database, ParticipationApp.PostgresOnly)]
public sealed class FrenchStemmingTests : IAsyncLifetime
{
    private readonly ParticipationApp _app = ParticipationApp.With(new Dictionary<string, string?>(ParticipationApp.OnPostgres) { ["Demo:Seed"] = "false" });

    public async Task InitializeAsync() => await FullTextSearchTests.Proposals.AddAsync(_app,
        ("Un enfant, une voix", "Que chaque enfant accueilli soit écouté par le juge."),
        ("Des activités sportives", "Pouvoir s'inscrire au club de foot du quartier."),
        ("Des éducateurs disponibles", "Un adulte à qui parler le soir."));

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("enfants", "Un enfant, une voix")]
    [InlineData("ecoutes", "Un enfant, une voix")]
    [InlineData("activite sportive", "Des activités sportives")]
    [InlineData("educatrice", "Des éducateurs disponibles")]
    public async Task A_search_finds_the_other_forms_of_a_word(string typed, string title) =>
        Assert.Equal([title], await FullTextSearchTests.Proposals.FoundAsync(_app, typed));
}
