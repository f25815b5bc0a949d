using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;
using Participation.Tests.Infrastructure;
using Participation.Web.Demo;
using Participation.Web.Privacy;

namespace Participation.Tests.Privacy;

/// <summary>
/// The daily job on a fake clock: after 11 months without a sign-in, adults are told by e-mail and
/// facilitators see the young people in their care whose account is due; a month later, accounts
/// still unused are erased; a sign-in keeps an account; administrators' accounts stay.
/// </summary>
public sealed class RetentionTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly SimpleSmtpServer _mail;
    private readonly ParticipationApp _app;
    private readonly AccountRetention _retention;

    public RetentionTests()
    {
        _mail = SimpleSmtpServer.Start(FreePort());
        _app = ParticipationApp.With(new Dictionary<string, string?>
        {
            ["Demo:Proposals"] = "0",
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = _mail.Configuration.Port.ToString(),
            ["Mail:StartTls"] = "false",
        });
        _app.CreateClient();
        // A job of its own on a clock the test moves: the site's other timers keep the real one.
        _retention = new AccountRetention(_app.Services.GetRequiredService<IServiceScopeFactory>(), _clock, Options.Create(new PrivacyOptions()), NullLogger<AccountRetention>.Instance);
    }

    public void Dispose()
    {
        _app.Dispose();
        _mail.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<RetentionRun> RunAsync() => _retention.RunAsync();

    private Task<bool> ExistsAsync(string pseudonym) => _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Pseudonym == pseudonym));

    [Fact]
    public async Task Unused_accounts_are_announced_a_month_ahead_then_erased_unless_someone_signs_in()
    {
        Assert.Equal(0, (await RunAsync()).Warned);

        _clock.Advance(TimeSpan.FromDays(334));
        await RunAsync();
        Assert.Empty(_mail.ReceivedEmail);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.DeletionWarnedAt != null)));

        _clock.Advance(TimeSpan.FromDays(2));
        await RunAsync();
        // Adults with an address are written to, with the day and where to sign in; administrators are left alone.
        var parent = $"parent@{DemoSeeder.Domain}";
        var toParent = Assert.Single(_mail.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address == parent));
        var body = toParent.MessageParts[0].BodyData;
        Assert.Contains("sera effacé le", body);
        Assert.Contains("/compte/connexion", body);
        Assert.DoesNotContain(_mail.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address == $"pilotage@{DemoSeeder.Domain}"));
        Assert.Null(await _app.WithDbAsync(db => db.Users.Where(u => u.Email == $"pilotage@{DemoSeeder.Domain}").Select(u => u.DeletionWarnedAt).SingleAsync()));
        // A second pass writes no second e-mail.
        var sent = _mail.ReceivedEmailCount;
        await RunAsync();
        Assert.Equal(sent, _mail.ReceivedEmailCount);

        // Young people without e-mail are listed for the facilitators who follow them, and for them only.
        var nadia = await _app.SignedInClientAsync($"animation@{DemoSeeder.Domain}");
        var due = await nadia.GetDocumentAsync("/animation/jeunes/a-echeance");
        var rows = due.QuerySelectorAll("tbody th").Select(th => th.TextContent).ToList();
        Assert.Contains("Colibri", rows);
        Assert.Contains("Loutre", rows);
        var yanis = await _app.SignedInClientAsync($"animation2@{DemoSeeder.Domain}");
        var hisList = (await yanis.GetDocumentAsync("/animation/jeunes/a-echeance")).QuerySelectorAll("tbody th").Select(th => th.TextContent).ToList();
        Assert.DoesNotContain("Colibri", hisList);
        Assert.Contains(hisList, name => name.StartsWith(DemoSeeder.PendingPseudonym, StringComparison.Ordinal));
        // Each is told once, by a notification that leads to the list.
        var told = await _app.WithDbAsync(db => db.Notifications.Where(n => n.Link == "/animation/jeunes/a-echeance")
            .Join(db.Users, n => n.MemberId, u => u.Id, (n, u) => new { u.Email, n.Text }).ToListAsync());
        var toNadia = Assert.Single(told, n => n.Email == $"animation@{DemoSeeder.Domain}");
        Assert.Matches(@"^\d+ comptes de jeunes que vous suivez seront effacés dans un mois", toNadia.Text);
        Assert.Single(told, n => n.Email == $"animation2@{DemoSeeder.Domain}");
        Assert.DoesNotContain(told, n => n.Email == $"animation3@{DemoSeeder.Domain}");
        (await (await _app.SignedInClientAsync("Faucon")).GetAsync("/animation/jeunes/a-echeance")).AssertRefused();

        // Loutre signs in: the warning is over and the account stays.
        await _app.SignedInClientAsync("Loutre");
        Assert.Null(await _app.WithDbAsync(db => db.Users.Where(u => u.Pseudonym == "Loutre").Select(u => u.DeletionWarnedAt).SingleAsync()));
        Assert.DoesNotContain("Loutre", (await nadia.GetDocumentAsync("/animation/jeunes/a-echeance")).QuerySelectorAll("tbody th").Select(th => th.TextContent));

        // Twelve months after the last use, but not yet a month after the warning: nothing goes.
        _clock.Advance(TimeSpan.FromDays(29));
        await RunAsync();
        Assert.True(await ExistsAsync("Colibri"));

        _clock.Advance(TimeSpan.FromDays(2));
        await RunAsync();
        Assert.False(await ExistsAsync("Colibri"));
        Assert.False(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == parent)));
        Assert.True(await ExistsAsync("Loutre"));
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == $"pilotage@{DemoSeeder.Domain}")));

        // The log says what was done without naming anyone.
        var log = await (await _app.SignedInClientAsync($"pilotage@{DemoSeeder.Domain}")).GetDocumentAsync("/pilotage/effacements");
        var entries = log.QuerySelectorAll("tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, entry => Assert.Contains("12 mois sans connexion", entry));
        Assert.DoesNotContain("Colibri", log.Text());
        Assert.Equal(await _app.WithDbAsync(db => db.Erasures.CountAsync(e => e.Source == ErasureSource.Inactivity && e.Status == ErasureStatus.Done)), entries.Count);
    }
}
