using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Demo;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Tests.Demo;

/// <summary>The benchmark's bulk writer, on the run's database.</summary>
public sealed class BulkInsertTests
{
    [Fact]
    public async Task Generated_proposals_are_written_whole_and_searchable_and_the_next_one_gets_a_new_id()
    {
        using var app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Proposals"] = "0" });
        var before = await app.WithDbAsync(db => db.Proposals.CountAsync());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
            var year = DateTime.Now.Year;
            var young = await db.MembersInRole(Roles.Young).Select(u => new { u.Id, u.BirthYear, u.Pseudonym }).ToListAsync();
            var pros = await db.MembersInRole(Roles.Professional).Select(u => u.Id).ToListAsync();
            var authors = new ProposalGenerator.Authors(young.Select(y => (y.Id, AgeBands.ForBirthYear(y.BirthYear!.Value, year)!.Value, y.Pseudonym)).ToList(), pros);
            await scope.ServiceProvider.GetRequiredService<ProposalGenerator>().BulkInsertAsync(300, seed: 7, authors);
        }

        Assert.Equal(before + 300, await app.WithDbAsync(db => db.Proposals.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Proposals.CountAsync(p => !p.Authors.Any() || !p.Events.Any())));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var found = await scope.ServiceProvider.GetRequiredService<ProposalQueries>().SearchAsync(new ProposalFilter(Query: "wifi", IncludeDeposited: true));
            Assert.NotEmpty(found.Rows);
        }
        var next = await app.ProposeAsync("Baobab", "Une proposition après le chargement");
        Assert.True(next > await app.WithDbAsync(db => db.Proposals.Where(p => p.Id != next).MaxAsync(p => p.Id)));
    }

    [Fact]
    public async Task Past_a_thousand_a_list_says_more_than_and_still_turns_its_pages()
    {
        using var app = ParticipationApp.With(new Dictionary<string, string?> { ["Demo:Proposals"] = "0" });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParticipationDb>();
            var year = DateTime.Now.Year;
            var young = await db.MembersInRole(Roles.Young).Select(u => new { u.Id, u.BirthYear, u.Pseudonym }).ToListAsync();
            var pros = await db.MembersInRole(Roles.Professional).Select(u => u.Id).ToListAsync();
            var authors = new ProposalGenerator.Authors(young.Select(y => (y.Id, AgeBands.ForBirthYear(y.BirthYear!.Value, year)!.Value, y.Pseudonym)).ToList(), pros);
            await scope.ServiceProvider.GetRequiredService<ProposalGenerator>().BulkInsertAsync(ProposalQueries.CountLimit * 3, seed: 11, authors);
        }
        var everything = await app.WithDbAsync(db => db.Proposals.CountAsync());
        var page = await app.CreateClient().GetDocumentAsync("/propositions");
        Assert.Equal("Plus de 1\u202F000 propositions : un thème, une étape ou des mots les resserrent.", page.QuerySelector(".result-count")!.TextContent);
        Assert.True(everything > ProposalQueries.CountLimit);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var queries = scope.ServiceProvider.GetRequiredService<ProposalQueries>();
            var last = await queries.SearchAsync(new ProposalFilter(), page: 10_000);
            Assert.True(last.More);
            Assert.Equal(ProposalQueries.CountLimit / ProposalQueries.PageSize, last.Page);
            Assert.Equal(ProposalQueries.PageSize, last.Rows.Count);
            // A narrower list is counted exactly.
            var narrow = await queries.SearchAsync(new ProposalFilter(Query: "psychologue", Theme: Theme.Health));
            Assert.False(narrow.More);
            Assert.InRange(narrow.Total, ProposalQueries.PageSize + 1, ProposalQueries.CountLimit);
            // Its pages, read by id once the few matches are known, follow one another newest first.
            var rows = new List<ProposalRow>();
            for (var number = 1; number <= narrow.PageCount; number++)
            {
                rows.AddRange((await queries.SearchAsync(new ProposalFilter(Query: "psychologue", Theme: Theme.Health), number)).Rows);
            }
            Assert.Equal(narrow.Total, rows.Select(r => r.Id).Distinct().Count());
            Assert.Equal(rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => r.Id), rows.Select(r => r.Id));
            Assert.All(rows, r => Assert.True(r.Themes.HasFlag(Theme.Health)));
        }
    }
}
