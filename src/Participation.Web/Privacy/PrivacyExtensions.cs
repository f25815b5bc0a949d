namespace Participation.Web.Privacy;

public static class PrivacyExtensions
{
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PrivacyOptions>(builder.Configuration.GetSection(PrivacyOptions.Section));
        builder.Services.AddScoped<AccountEraser>();
        builder.Services.AddScoped<Erasures>();
        builder.Services.AddSingleton<AccountRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AccountRetention>());
        return builder;
    }
}
