using Participation.Web.Infrastructure;

namespace Participation.Web.Privacy;

public static class PrivacyExtensions
{
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PrivacyOptions>(builder.Configuration.GetSection(PrivacyOptions.Section));
        builder.Services.AddScoped<AccountEraser>();
        builder.Services.AddScoped<Erasures>();
        builder.Services.AddSingleton<AccountRetention>();
        builder.Services.AddLeasedJob<AccountRetention>("comptes.conservation");
        return builder;
    }
}
