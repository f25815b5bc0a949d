using Participation.Web.Accounts;
using Participation.Web.Content;
using Participation.Web.Infrastructure;

namespace Participation.Web.Safeguarding;

public static class SafeguardingPolicies
{
    /// <summary>Moderators and the département's staff watch over safety: the lists, and later the urgent cases.</summary>
    public const string Watch = nameof(Watch);
}

public sealed class SafeguardingOptions
{
    public const string Section = "Safeguarding";

    /// <summary>How often the establishment names are read again from the database.</summary>
    public TimeSpan PlacesRefresh { get; set; } = TimeSpan.FromMinutes(5);
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
        builder.Services.AddSingleton<EstablishmentPlaces>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EstablishmentPlaces>());
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(SafeguardingPolicies.Watch, p => p.RequireRole(Roles.Moderator, Roles.Admin));
        return builder;
    }
}
