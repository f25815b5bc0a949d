using System.Net;
using Microsoft.EntityFrameworkCore;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Demo;
using Participation.Web.Proposals;
using Participation.Web.Shared;

namespace Participation.Tests.Proposals;

[Collection(SharedAppCollection.Name)]
public sealed class ProposalAccessTests(ParticipationApp app)
{
    private static readonly string[] Staff = [Roles.Moderator, Roles.Facilitator, Roles.Admin];

    [Theory]
    [MemberData(nameof(DemoRoles.EveryRole), MemberType = typeof(DemoRoles))]
    public async Task Each_role_opens_the_proposal_pages_it_should_and_no_others(string login, string role)
    {
        var client = await app.SignedInClientAsync(login);
        var id = await app.WithDbAsync(db => db.Proposals.Where(p => p.Status == ProposalStatus.Published).Select(p => p.Id).FirstAsync());
        var expectations = new Dictionary<string, bool>
        {
            ["/propositions"] = true,
            [$"/propositions/{id}"] = true,
            ["/notifications"] = true,
            ["/propositions/nouvelle"] = role is Roles.Young or Roles.Professional || Staff.Contains(role),
            ["/propositions/miennes"] = role is Roles.Young or Roles.Professional || Staff.Contains(role),
            ["/pilotage/propositions"] = Staff.Contains(role),
            [$"/pilotage/propositions/{id}"] = Staff.Contains(role),
            ["/pilotage/observatoire"] = Staff.Contains(role),
            ["/pilotage/observatoire?handler=Csv"] = Staff.Contains(role),
        };
        foreach (var (url, allowed) in expectations)
        {
            var response = await client.GetAsync(url);
            var ok = allowed ? response.StatusCode == HttpStatusCode.OK : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/compte/acces-refuse");
            Assert.True(ok, $"{role} on {url}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [InlineData("Young")]
    [InlineData("Parent")]
    [InlineData("Professional")]
    [InlineData("Establishment")]
    public async Task A_member_posting_to_a_staff_handler_is_refused_and_nothing_changes(string role)
    {
        var id = await app.ProposeAsync("Colibri", "Une fresque sur le mur du foyer");
        var action = await app.WithDbAsync(db => db.PlanNodes.Where(n => n.IsLeaf && n.Plan!.IsPrimary).Select(n => n.Id).FirstAsync());

        var staff = await app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var form = await staff.GetDocumentAsync($"/pilotage/propositions/{id}");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var member = await app.SignedInClientAsync(DemoSeeder.Logins.First(l => l.Role == role).Login);
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Status", new() { ["To"] = "publiee" }),
            ("Link", new() { ["PlanNodeId"] = action.ToString() }),
            ("Answer", new() { ["Answer"] = "Réponse usurpée" }),
            ("Merge", new() { ["TargetId"] = "1", ["MergeReason"] = "x" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await member.PostAsync($"/pilotage/propositions/{id}?handler={handler}", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/compte/acces-refuse", response.Headers.Location!.ToString());
        }
        var bulk = await member.PostAsync("/pilotage/propositions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Ids"] = id.ToString(), ["To"] = "publiee",
        }));
        Assert.Contains("/compte/acces-refuse", bulk.Headers.Location!.ToString());

        var proposal = await app.WithDbAsync(db => db.Proposals.Include(p => p.PlanLinks).Include(p => p.Events).SingleAsync(p => p.Id == id));
        Assert.Equal(ProposalStatus.Deposited, proposal.Status);
        Assert.Empty(proposal.PlanLinks);
        Assert.Single(proposal.Events);
    }

    [Theory]
    [InlineData("Parent")]
    [InlineData("Establishment")]
    public async Task Members_who_do_not_propose_here_cannot_post_a_proposal(string role)
    {
        var young = await app.SignedInClientAsync("Colibri");
        var form = await young.GetDocumentAsync("/propositions/nouvelle");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await app.WithDbAsync(db => db.Proposals.CountAsync());

        var member = await app.SignedInClientAsync(DemoSeeder.Logins.First(l => l.Role == role).Login);
        var response = await member.PostAsync("/propositions/nouvelle", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Title"] = "Une idée", ["Text"] = "Un texte assez long pour être accepté.", ["Themes"] = "sante",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("acces-refuse", response.Headers.Location!.ToString());
        Assert.Equal(before, await app.WithDbAsync(db => db.Proposals.CountAsync()));
    }

    [Fact]
    public async Task A_young_member_cannot_pretend_to_enter_a_paper_proposal()
    {
        var client = await app.SignedInClientAsync("Faucon");
        var before = await app.WithDbAsync(db => db.Proposals.CountAsync());
        var response = await client.PostFormAsync("/propositions/nouvelle", new Dictionary<string, string>
        {
            ["Title"] = "Une idée papier", ["Text"] = "Un texte assez long pour être accepté.", ["Themes"] = "sante", ["OnBehalf"] = "Parent", ["Channel"] = "papier",
        });
        Assert.Contains("/compte/acces-refuse", response.Headers.Location!.ToString());
        Assert.Equal(before, await app.WithDbAsync(db => db.Proposals.CountAsync()));
    }

    [Fact]
    public async Task Staff_triage_several_proposals_at_once_from_the_board()
    {
        var first = await app.ProposeAsync("Colibri", "Un atelier dessin");
        var second = await app.ProposeAsync("Loutre", "Un atelier théâtre");
        var client = await app.SignedInClientAsync($"moderation@{DemoSeeder.Domain}");
        var board = await client.GetDocumentAsync("/pilotage/propositions?statut=deposee");
        Assert.NotNull(board.QuerySelector($"input[name=Ids][value='{first}']"));

        var token = board.QuerySelector("form.triage-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("statut", "deposee"), new("Ids", first.ToString()), new("Ids", second.ToString()), new("To", "publiee"),
        ]);
        var response = await client.PostAsync("/pilotage/propositions?statut=deposee", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Proposals.CountAsync(p => (p.Id == first || p.Id == second) && p.Status == ProposalStatus.Published)));
    }

    [Fact]
    public async Task The_manage_page_explains_a_step_it_cannot_take()
    {
        var id = await app.ProposeAsync("Colibri", "Une piscine gonflable");
        await app.AdvanceAsync(id, ProposalStatus.Published);
        var client = await app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}");
        var response = await client.PostFormAsync($"/pilotage/propositions/{id}?handler=Status", new Dictionary<string, string> { ["To"] = "integree" }, formIndex: 0);
        var page = await response.ParseAsync();
        Assert.Contains("sans les étapes", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(ProposalStatus.Published, await app.WithDbAsync(db => db.Proposals.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));
    }
}
