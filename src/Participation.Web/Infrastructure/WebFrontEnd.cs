namespace Participation.Web.Infrastructure;

public static class WebFrontEndExtensions
{
    public static WebApplicationBuilder AddWebFrontEnd(this WebApplicationBuilder builder)
    {
        // Pages live beside the rest of their feature (Accounts/, Plan/...), each with a French route.
        builder.Services.AddRazorPages(options => options.RootDirectory = "/");
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "participation.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddProblemDetails();
        // French accents and Arabic letters written as they are, not as numeric entities: lighter pages on slow phones.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    public static WebApplication UseWebFrontEnd(this WebApplication app)
    {
        // Visitors always get the French error page; the details go to the log.
        app.UseExceptionHandler("/erreur");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseStatusCodePagesWithReExecute("/erreur/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapWebFrontEnd(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        return app;
    }
}
