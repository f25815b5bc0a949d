using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;
using QRCoder;

namespace Participation.Web.Council;

public sealed class CouncilOptions
{
    public const string Section = "Council";

    /// <summary>Joins by code per minute from one address: a whole room behind one Wi-Fi gets in.</summary>
    public int JoinsPerMinutePerAddress { get; set; } = 200;

    /// <summary>Wrong join codes per minute from one phone, against guessing.</summary>
    public int WrongCodesPerMinute { get; set; } = 30;

    /// <summary>Wrong join codes per minute from one address, all its phones together.</summary>
    public int WrongCodesPerMinutePerAddress { get; set; } = 100;

    /// <summary>
    /// Guests one address may add to one session: a room of forty behind one Wi-Fi fits, while a
    /// phone that throws its cookies away to vote again runs out of places.
    /// </summary>
    public int GuestsPerAddressPerSession { get; set; } = 60;
}

public static class CouncilPolicies
{
    public const string Facilitate = nameof(Facilitate);
}

public static class CouncilExtensions
{
    /// <summary>The join link of a live session as a QR code, for the projector.</summary>
    private static async Task<IResult> JoinQrCode(int id, HttpContext context, ParticipationDb db, RoomEntry room, SiteAddress site)
    {
        if (!await room.IsFacilitatorAsync(id, context.User))
        {
            return Results.Forbid();
        }
        var code = await db.CouncilSessions.Where(s => s.Id == id && s.Status == SessionStatus.Live).Select(s => s.JoinCode).SingleOrDefaultAsync();
        if (code is null)
        {
            return Results.NotFound();
        }
        var link = site.Link(context.Request, $"/rejoindre?code={code}");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8);
        return Results.Text(svg, "image/svg+xml");
    }

    /// <summary>
    /// Small messages only: an idea is at most 500 characters, and a longer message is taken only to be
    /// read for danger. A phone keeps a text that would not fit rather than lose its connection on it.
    /// </summary>
    public const long MaximumMessageSize = 4 * 1024;

    public static WebApplicationBuilder AddCouncil(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR(options =>
        {
            options.MaximumReceiveMessageSize = MaximumMessageSize;
            options.EnableDetailedErrors = false;
            options.AddFilter<SameOriginHubs>();
            options.AddFilter<TidyHubArguments>();
            options.AddFilter<LiveAccountCheck>();
        });
        // Several instances: SignalR's messages to groups and to connections on another instance go
        // through Redis, on this instance's one connection, under the site's own prefix.
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{Infrastructure.RedisOptions.Section}:Redis"]))
        {
            signalR.AddStackExchangeRedis();
            // SignalR has a connection of its own: the prefix on its channels is the connection's, so that
            // two sites on one Redis never hear each other's rooms (the site's own channels and keys carry
            // the prefix in their names).
            // Messages to screens lost while that connection was away are made good as for the site's own:
            // once it is back, the sessions are read afresh and every screen here is drawn again.
            builder.Services.AddOptions<Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions>()
                .Configure<Infrastructure.RedisOptions, IServiceProvider>((options, site, services) =>
                {
                    options.Configuration = SharedRedis.Configuration(site.Redis!);
                    options.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal($"{site.ChannelPrefix}:signalr:");
                    options.ConnectionFactory = async log =>
                    {
                        var logger = services.GetRequiredService<ILogger<LiveSessions>>();
                        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                        var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options.Configuration, log);
                        AfterRedisCut.ReadSessionsAfresh(connection, services.GetRequiredService<LiveSessions>, logger, stopping, "SignalR's Redis");
                        return connection;
                    };
                });
        }
        builder.Services.AddSingleton<LiveSessions>();
        builder.Services.AddSingleton<RoomBus>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RoomBus>());
        builder.Services.AddSingleton<RoomScreens>();
        builder.Services.AddSingleton<RoomEntry>();
        builder.Services.AddSingleton<ScreenListeners>();
        builder.Services.AddSingleton<ILiveListeners>(services => services.GetRequiredService<ScreenListeners>());
        builder.Services.AddHostedService(services => services.GetRequiredService<ScreenListeners>());
        builder.Services.AddSingleton<ParticipantActions>();
        builder.Services.AddSingleton<FacilitatorActions>();
        builder.Services.AddSingleton<GuestPasses>();
        builder.Services.AddSingleton<MemberNames>();
        builder.Services.Configure<CouncilOptions>(builder.Configuration.GetSection(CouncilOptions.Section));
        builder.Services.AddSingleton<JoinAttempts>();
        builder.Services.AddSingleton<VoteWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<VoteWriter>());
        builder.Services.AddHostedService<Broadcaster>();
        builder.Services.AddScoped<Sessions>();
        builder.Services.AddScoped<Safeguarding.IHeldTextChannel, HeldIdeas>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(CouncilPolicies.Facilitate, p => p.RequireRole(Roles.Facilitation));
        return builder;
    }

    public static WebApplication MapCouncil(this WebApplication app)
    {
        app.MapHub<CouncilHub>(CouncilHub.Path);
        app.MapGet("/conseil/seances/{id:int}/qr", JoinQrCode).RequireAuthorization(CouncilPolicies.Facilitate);
        return app;
    }
}
