using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Participation.Tests.Infrastructure;
using Participation.Web.Accounts;
using Participation.Web.Safeguarding;
using Participation.Web.Shared;

namespace Participation.Tests.Safeguarding;

/// <summary>A case no one opens is escalated to every administrator once its time is up, and only once.</summary>
public sealed class EscalationTests : IDisposable
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 21, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ParticipationApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<int> CaseAsync(DateTimeOffset flaggedAt, DateTimeOffset? seenAt = null) =>
        await _app.WithDbAsync(async db =>
        {
            var safetyCase = new SafetyCase
            {
                Channel = SafetyChannel.CouncilIdea, SourceId = "1", Origin = "Séance du Conseil « Plénière », pseudo Comète", Text = "Je veux mourir",
                Categories = "Suicide", Rules = "suicide.txt:3", FlaggedAt = flaggedAt, FirstSeenAt = seenAt, Status = CaseStatus.Open,
            };
            db.SafetyCases.Add(safetyCase);
            await db.SaveChangesAsync();
            return safetyCase.Id;
        });

    [Fact]
    public async Task An_unopened_case_is_escalated_to_every_administrator_after_the_set_time_and_only_once()
    {
        _app.CreateClient();
        var clock = new ManualClock();
        var options = Options.Create(new SafeguardingOptions { EscalateAfter = TimeSpan.FromMinutes(15) });
        var escalation = new CaseEscalation(_app.Services.GetRequiredService<IServiceScopeFactory>(), options,
            new OnCallMail(options, new Participation.Web.Infrastructure.SiteAddress(Options.Create(new Participation.Web.Infrastructure.SiteLayoutOptions())), new Participation.Web.Infrastructure.Mailer(Options.Create(new Participation.Web.Infrastructure.MailOptions()), NullLogger<Participation.Web.Infrastructure.Mailer>.Instance)), clock, NullLogger<CaseEscalation>.Instance);
        var waiting = await CaseAsync(clock.Now);
        await CaseAsync(clock.Now, seenAt: clock.Now.AddMinutes(1));

        clock.Now += TimeSpan.FromMinutes(14);
        Assert.Equal(0, await escalation.EscalateDueAsync());

        clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(1, await escalation.EscalateDueAsync());
        var admins = await _app.WithDbAsync(db => db.MembersInRole(Roles.Admin).Select(u => u.Id).ToListAsync());
        Assert.NotEmpty(admins);
        var notices = await _app.WithDbAsync(db => db.Notifications.Where(n => n.Link == $"/pilotage/vigilance/cas/{waiting}").ToListAsync());
        Assert.Equal(admins.Order(), notices.Select(n => n.MemberId).Order());
        Assert.All(notices, n => Assert.Contains("attend depuis 15 minutes sans avoir été ouvert", n.Text));
        Assert.Equal(clock.Now, await _app.WithDbAsync(db => db.SafetyCases.Where(c => c.Id == waiting).Select(c => c.EscalatedAt).SingleAsync()));

        clock.Now += TimeSpan.FromMinutes(30);
        Assert.Equal(0, await escalation.EscalateDueAsync());
        Assert.Equal(admins.Count, await _app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Link != null)));
        Assert.False(escalation.Mail.Enabled);

        // A burst of cases makes one notification per administrator, opening the queue, not one per case.
        for (var i = 0; i < 12; i++)
        {
            await CaseAsync(clock.Now);
        }
        clock.Now += TimeSpan.FromMinutes(16);
        Assert.Equal(12, await escalation.EscalateDueAsync());
        var burst = await _app.WithDbAsync(db => db.Notifications.Where(n => n.Link == "/pilotage/vigilance/urgences").ToListAsync());
        Assert.Equal(admins.Order(), burst.Select(n => n.MemberId).Order());
        Assert.All(burst, n => Assert.Contains("12 cas de sécurité attendent sans avoir été ouverts, le plus ancien depuis 16 minutes", n.Text));
        Assert.Equal(2 * admins.Count, await _app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Link != null)));
    }

    [Fact]
    public async Task An_opened_case_with_no_action_after_an_hour_is_told_to_every_administrator_once()
    {
        _app.CreateClient();
        var clock = new ManualClock();
        var options = Options.Create(new SafeguardingOptions { ActAfter = TimeSpan.FromHours(1) });
        var escalation = new CaseEscalation(_app.Services.GetRequiredService<IServiceScopeFactory>(), options,
            new OnCallMail(options, new Participation.Web.Infrastructure.SiteAddress(Options.Create(new Participation.Web.Infrastructure.SiteLayoutOptions())), new Participation.Web.Infrastructure.Mailer(Options.Create(new Participation.Web.Infrastructure.MailOptions()), NullLogger<Participation.Web.Infrastructure.Mailer>.Instance)), clock, NullLogger<CaseEscalation>.Instance);
        var stalled = await CaseAsync(clock.Now, seenAt: clock.Now.AddMinutes(2));
        var acted = await CaseAsync(clock.Now, seenAt: clock.Now.AddMinutes(2));
        await _app.WithDbAsync(db => db.SafetyCases.Where(c => c.Id == acted).ExecuteUpdateAsync(set => set.SetProperty(c => c.FirstActionAt, clock.Now.AddMinutes(10))));
        await CaseAsync(clock.Now);

        clock.Now += TimeSpan.FromMinutes(61);
        Assert.Equal(0, await escalation.RemindStalledAsync());
        clock.Now += TimeSpan.FromMinutes(1);
        Assert.Equal(1, await escalation.RemindStalledAsync());
        var admins = await _app.WithDbAsync(db => db.MembersInRole(Roles.Admin).Select(u => u.Id).ToListAsync());
        var notices = await _app.WithDbAsync(db => db.Notifications.Where(n => n.Link == $"/pilotage/vigilance/cas/{stalled}").ToListAsync());
        Assert.Equal(admins.Order(), notices.Select(n => n.MemberId).Order());
        Assert.All(notices, n => Assert.Contains("ouvert il y a 60 minutes n'a encore aucune action enregistrée", n.Text));
        clock.Now += TimeSpan.FromHours(3);
        Assert.Equal(0, await escalation.RemindStalledAsync());
    }
}
