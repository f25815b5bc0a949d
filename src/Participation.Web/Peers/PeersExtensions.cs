using Microsoft.EntityFrameworkCore;
using Participation.Web.Accounts;
using Participation.Web.Content;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

public static class PeerPolicies
{
    /// <summary>Moderators and administrators read every circle and decide about its messages.</summary>
    public const string Moderate = "Peers.Moderate";

    /// <summary>The team that opens topic circles, grants the pair-aidant·e badge and takes actions to the council.</summary>
    public const string Steer = "Peers.Steer";
}

public static class PeersExtensions
{
    public static WebApplicationBuilder AddPeers(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => PeerLibrary.Load(services.GetRequiredService<Infrastructure.SiteLayout>().Content));
        builder.Services.AddScoped<PeerBoard>();
        builder.Services.AddScoped<PeerReader>();
        builder.Services.AddScoped<PeerModeration>();
        builder.Services.AddScoped<PeerActions>();
        builder.Services.AddScoped<PeerSteering>();
        builder.Services.AddScoped<Safeguarding.IHeldTextChannel, HeldPeerPosts>();
        builder.Services.AddScoped<Safeguarding.IModerationFigures, PeerFigures>();
        builder.Services.AddSingleton<PeerLive>();
        builder.Services.AddSingleton<PeerTurns>();
        builder.Services.AddSingleton<PeerListeners>();
        builder.Services.AddSingleton<ILiveListeners>(services => services.GetRequiredService<PeerListeners>());
        builder.Services.AddHostedService(services => services.GetRequiredService<PeerListeners>());
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PeerPolicies.Moderate, p => p.RequireRole(Roles.Moderation))
            .AddPolicy(PeerPolicies.Steer, p => p.RequireRole(Roles.Staff));
        return builder;
    }

    /// <summary>Reads the resources and the rules now, so a malformed file stops the start-up with its name and line.</summary>
    public static void LoadPeerLibrary(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<PeerLibrary>();
        }
        catch (ContentException e)
        {
            app.Logger.LogCritical("{Problems}", e.Message);
            throw;
        }
    }

    /// <summary>Every audience has its own general circle, on every site, demo or not.</summary>
    public static async Task EnsureCirclesAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ParticipationDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var existing = await db.PeerCircles.Where(c => c.General).Select(c => c.Audience).ToListAsync();
        foreach (var audience in Enum.GetValues<Audience>().Where(a => !existing.Contains(a)))
        {
            db.PeerCircles.Add(new Circle
            {
                Slug = audience.Slug(), Audience = audience, General = true, CreatedAt = clock.GetUtcNow(),
                Name = audience == Audience.Parents ? "Pairs-parents" : $"Les {audience.Label()}",
                Description = audience switch
                {
                    Audience.From11To14 => "Pour les jeunes de 11 à 14 ans : poser une question, raconter, se soutenir. Chaque message est relu avant d'être publié.",
                    Audience.From15To17 => "Pour les jeunes de 15 à 17 ans : le foyer, l'école, la famille, l'avenir. Chaque message est relu avant d'être publié.",
                    Audience.From18To25 => "Pour les jeunes de 18 à 25 ans, accueillis ou qui l'ont été : logement, études, papiers, la vie après l'ASE.",
                    _ => "Pour les parents dont un enfant est accueilli : échanger entre parents, avec des pairs-parents formés.",
                },
            });
        }
        await db.SaveChangesAsync();
    }

    public static WebApplication MapPeers(this WebApplication app)
    {
        app.MapHub<PeerHub>(PeerHub.Path);
        return app;
    }
}
