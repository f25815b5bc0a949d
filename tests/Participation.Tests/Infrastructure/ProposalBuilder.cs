using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Participation.Web.Accounts;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Tests.Infrastructure;

/// <summary>Test data through the real service: proposals with their trail, moved along the road.</summary>
public static class ProposalBuilder
{
    public static async Task<Actor> ActorAsync(this ParticipationApp app, string login)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = await users.FindByNameAsync(login) ?? await users.FindByEmailAsync(login)
            ?? throw new InvalidOperationException($"No member {login}");
        var roles = await users.GetRolesAsync(member);
        var staff = roles.LastOrDefault(r => r is Roles.Moderator or Roles.Facilitator or Roles.Admin);
        return new Actor(member.Id, roles.ToList(), staff is null ? member.Pseudonym : Roles.Label(staff));
    }

    public static async Task<T> WithServiceAsync<T>(this ParticipationApp app, Func<ProposalService, Task<T>> act)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<ProposalService>());
    }

    public static async Task<int> ProposeAsync(this ParticipationApp app, string login, string title, string text = "Une idée expliquée avec assez de mots pour passer.", Theme themes = Theme.Food, IReadOnlyList<int>? planNodes = null)
    {
        var actor = await app.ActorAsync(login);
        var result = await app.WithServiceAsync(s => s.SubmitAsync(new NewProposal(title, text, themes, planNodes ?? [], new Provenance(Channel.Online)), actor));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        return result.Value!.Id;
    }

    /// <summary>Moves a proposal step by step up to the status, as the département's staff.</summary>
    public static async Task AdvanceAsync(this ParticipationApp app, int id, ProposalStatus to)
    {
        var admin = await app.ActorAsync(Web.Demo.DemoSeeder.Logins.Single(l => l.Role == Roles.Admin).Login);
        var current = await app.WithDbAsync(db => Task.FromResult(db.Proposals.Single(p => p.Id == id).Status));
        foreach (var step in Lifecycle.Road.SkipWhile(s => s != current).Skip(1).TakeWhile(s => s <= to))
        {
            if (step == ProposalStatus.Integrated)
            {
                var node = await app.WithDbAsync(db => Task.FromResult(db.PlanNodes.First(n => n.IsLeaf && n.Plan!.IsPrimary).Id));
                if (!await app.WithDbAsync(db => Task.FromResult(db.ProposalPlanLinks.Any(l => l.ProposalId == id))))
                {
                    await app.WithServiceAsync(s => s.LinkAsync(id, node, admin));
                }
            }
            var result = await app.WithServiceAsync(s => s.ChangeStatusAsync([id], step, step == ProposalStatus.Done ? "Le wifi reste ouvert jusqu'à 22 heures dans les trois foyers depuis la rentrée." : null, admin));
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        }
    }
}
