using Participation.Web.Accounts;
using Participation.Web.Content;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Safeguarding;

public static class SafeguardingPolicies
{
    /// <summary>Moderators and administrators: they alone read held texts and their cases.</summary>
    public static bool WatchesOverSafety(this System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInAny(Roles.Moderation);

    /// <summary>Moderators and the département's staff watch over safety: the lists, and later the urgent cases.</summary>
    public const string Watch = nameof(Watch);
}

public sealed class SafeguardingOptions
{
    public const string Section = "Safeguarding";

    /// <summary>How often the establishment names are read again from the database.</summary>
    public TimeSpan PlacesRefresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an urgent case may wait unopened before every administrator is told.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an opened case may go without any action recorded before every administrator is told.</summary>
    public TimeSpan ActAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The on-call e-mail address told of an escalated case, through the site's mail server (<c>Mail:*</c>); none by default.</summary>
    public string? OnCallAddress { get; set; }
}

public static class SafeguardingExtensions
{
    public static WebApplicationBuilder AddSafeguarding(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SafeguardingOptions>(builder.Configuration.GetSection(SafeguardingOptions.Section));
        builder.Services.AddSingleton(services =>
        {
            try
            {
                return RiskDetector.Load(services.GetRequiredService<SiteLayout>().Content);
            }
            catch (ContentException e)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RiskDetector)).LogCritical("{Problems}", e.Message);
                throw;
            }
        });
        builder.Services.AddSingleton<Safeguard>();
        builder.Services.AddSingleton<UnseenCases>();
        builder.Services.AddScoped<SafetyCases>();
        builder.Services.AddSingleton<OnCallMail>();
        builder.Services.AddSingleton<CaseListeners>();
        builder.Services.AddSingleton<ILiveListeners>(services => services.GetRequiredService<CaseListeners>());
        builder.Services.AddHostedService(services => services.GetRequiredService<CaseListeners>());
        builder.Services.AddSingleton<CaseEscalation>();
        builder.Services.AddLeasedJob<CaseEscalation>("vigilance.escalade");
        builder.Services.AddSingleton<EstablishmentPlaces>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EstablishmentPlaces>());
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(SafeguardingPolicies.Watch, p => p.RequireRole(Roles.Moderation));
        return builder;
    }

    public static WebApplication MapSafeguarding(this WebApplication app)
    {
        app.MapHub<CaseHub>(CaseHub.Path);
        return app;
    }
}
