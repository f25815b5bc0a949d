using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Participation.Tests.Infrastructure;
using Participation.Web.Council;

namespace Participation.Tests.Council;

/// <summary>
/// Redis says it is back on a thread of its own, sometimes while the site is stopping: reading the
/// sessions afresh then must not take the process down with it.
/// </summary>
public sealed class AfterRedisCutTests
{
    private sealed class Said : ILogger
    {
        public List<string> Lines { get; } = [];
        public bool Throws { get; init; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Throws)
            {
                throw new ObjectDisposedException("LoggerFactory");
            }
            Lines.Add(formatter(state, exception));
        }
    }

    [Fact]
    public async Task Redis_back_after_the_site_has_stopped_changes_nothing_and_throws_nothing()
    {
        var app = new ParticipationApp();
        app.CreateClient();
        var services = app.Services;
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await app.DisposeAsync();
        var said = new Said();

        await AfterRedisCut.ReadAfreshAsync(services.GetRequiredService<LiveSessions>, said, stopping, "Redis");

        Assert.Empty(said.Lines);
    }

    [Fact]
    public async Task A_site_whose_services_are_gone_while_it_still_runs_says_so()
    {
        var app = new ParticipationApp();
        app.CreateClient();
        var services = app.Services;
        await app.DisposeAsync();
        var said = new Said();

        await AfterRedisCut.ReadAfreshAsync(services.GetRequiredService<LiveSessions>, said, CancellationToken.None, "SignalR's Redis");

        Assert.Contains("after SignalR's Redis came back failed", Assert.Single(said.Lines));
    }

    [Fact]
    public async Task A_reading_that_fails_is_logged_and_a_log_that_fails_is_swallowed()
    {
        var said = new Said();
        await AfterRedisCut.ReadAfreshAsync(() => throw new InvalidOperationException("base absente"), said, CancellationToken.None, "Redis");
        var line = Assert.Single(said.Lines);
        Assert.Contains("after Redis came back failed", line);

        await AfterRedisCut.ReadAfreshAsync(() => throw new InvalidOperationException("base absente"), new Said { Throws = true }, CancellationToken.None, "Redis");
    }

    [Fact]
    public async Task Once_the_site_is_stopping_the_sessions_are_not_read()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        var asked = 0;

        await AfterRedisCut.ReadAfreshAsync(() => { asked++; throw new InvalidOperationException(); }, new Said(), stopping.Token, "Redis");

        Assert.Equal(0, asked);
    }
}
