namespace Participation.Web.Media;

public static class MediaExtensions
{
    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MediaOptions>(builder.Configuration.GetSection(MediaOptions.Section));
        builder.Services.AddSingleton<MediaStore>();
        builder.Services.AddSingleton<MediaGate>();
        builder.Services.AddSingleton<PhotoProcessor>();
        builder.Services.AddSingleton<AudioProcessor>();
        return builder;
    }
}
