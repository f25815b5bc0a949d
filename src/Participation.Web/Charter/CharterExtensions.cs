using Participation.Web.Shared;

namespace Participation.Web.Charter;

public static class CharterExtensions
{
    public static WebApplicationBuilder AddCharter(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CharterVersions>();
        builder.Services.AddScoped<CharterQueries>();
        builder.Services.AddScoped<ICharterMentions>(services => services.GetRequiredService<CharterQueries>());
        builder.Services.AddScoped<CharterVotes>();
        builder.Services.AddScoped<CharterFollowUp>();
        builder.Services.AddScoped<Safeguarding.IHeldTextChannel, HeldCharterComments>();
        return builder;
    }
}
