using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Participation.Web.Infrastructure;

public static class WebFrontEndExtensions
{
    public static WebApplicationBuilder AddWebFrontEnd(this WebApplicationBuilder builder)
    {
        builder.AddProxies();
        // Responses do not name the server software.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // Pages live beside the rest of their feature (Accounts/, Plan/...), each with a French route.
        builder.Services.AddRazorPages(options => options.RootDirectory = "/")
            .AddMvcOptions(options =>
            {
                options.TidyTypedText();
                options.Filters.Add(new ReadableForms());
            });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "participation.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddProblemDetails();
        // A year, so that a browser that came once does not try plain http again (the framework's
        // default is 30 days). Without includeSubDomains: what may run under the site's name is
        // not the site's to promise.
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        // MapStaticAssets can serve a build's manifest as if files could change while the site runs,
        // recompressing them on the fly; in that mode it labels gzip bodies as brotli, and Chromium
        // then shows pages without their styles or scripts. The build's precompressed, fingerprinted
        // files are served as they are in every environment, the README's demo included.
        // Files missing from the manifest are left to UseStaticFiles.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReloadStaticAssetsAtRuntime"] = "false",
            ["DisableStaticAssetNotFoundRuntimeFallback"] = "true",
        });
        // Pages are compressed as they are sent; static files come precompressed from the build.
        // BREACH needs a secret repeated byte for byte in compressed bodies beside text the attacker
        // chooses, and many requests sent by the victim's browser with its cookies. The antiforgery
        // token in every form is encrypted anew (Data Protection, random IV) for each response, so it
        // repeats nothing. The other secret a page holds, a session's join code on its facilitators'
        // pages, sits beside nothing taken from the address, and the cookies are SameSite (Lax for
        // signing in, Strict for guests and antiforgery): another site's scripts, images and frames
        // get the page of someone signed out.
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        // French accents and Arabic letters written as they are, not as numeric entities: lighter pages on slow phones.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    public static WebApplication UseWebFrontEnd(this WebApplication app)
    {
        // First, so that everything after sees the real client and scheme.
        if (Proxies.Trusted(app.Services))
        {
            app.UseForwardedHeaders();
        }
        // Visitors always get the French error page; the details go to the log.
        app.UseExceptionHandler("/erreur");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseResponseCompression();
        app.UseMiddleware<SecurityHeaders>();
        app.UseStatusCodePagesWithReExecute("/erreur/{0}");
        app.UseMiddleware<NullCharacters>();
        app.UseRouting();
        SameOriginHubs.UseSameOriginHubs(app);
        app.UseStoppingInstance();
        // After routing, so it only serves what MapStaticAssets does not know: a file added to the
        // web root after the build, served as it is, without fingerprint or precompression.
        app.UseStaticFiles();
        app.UseCookiePolicy();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapWebFrontEnd(this WebApplication app)
    {
        // The build's files (wwwroot/ at the repository root), fingerprinted, precompressed with
        // brotli and gzip, and cached as immutable under their fingerprinted address, which Razor
        // writes for every ~/ path.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        return app;
    }
}
