namespace Participation.Web.Charter;

public static class CharterExtensions
{
    public static WebApplicationBuilder AddCharter(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CharterVersions>();
        return builder;
    }
}
