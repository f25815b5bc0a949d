using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.FileProviders;

namespace Participation.Web.Infrastructure;

/// <summary>Where the site finds its web root, its Markdown content and its data folder.</summary>
public sealed class SiteLayoutOptions
{
    public const string Section = "Site";

    /// <summary>Folder served as the web root; relative paths are taken from the repository root.</summary>
    public string WebRoot { get; set; } = "wwwroot";

    /// <summary>Folder of Markdown pages and plan packs; relative paths are taken from the repository root.</summary>
    public string Content { get; set; } = "content";

    /// <summary>The name shown in the header, e.g. the département running the platform.</summary>
    public string Territory { get; set; } = "Département de Bellerive";

    /// <summary>
    /// The address people reach the site at, behind any proxy (« https://participation.bellerive.fr »):
    /// links that leave the site, by mail, on paper or in a terminal, start with it.
    /// </summary>
    public string? PublicAddress { get; set; }

    /// <summary>Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (« 127.0.0.1 » for nginx on the same machine).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR notation (« 10.0.0.0/24 »), for a load balancer whose address changes.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public sealed record SiteLayout(string Root, string WebRoot, string Content)
{
    public const string Marker = "Participation.sln";

    /// <summary>
    /// The repository root is the nearest folder holding the solution file, looking up from the
    /// content root (the project folder under the test host, the repository under dotnet run) and
    /// then from the binaries; a published site without it uses the content root.
    /// </summary>
    public static string FindRoot(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker)))
                {
                    return dir.FullName;
                }
            }
        }
        return contentRoot;
    }

    public string Resolve(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Root, path));
}

public static class SiteLayoutExtensions
{
    public static WebApplicationBuilder AddSiteLayout(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SiteLayoutOptions.Section).Get<SiteLayoutOptions>() ?? new SiteLayoutOptions();
        var root = SiteLayout.FindRoot(builder.Environment.ContentRootPath);
        var probe = new SiteLayout(root, root, root);
        var layout = new SiteLayout(root, probe.Resolve(options.WebRoot), probe.Resolve(options.Content));

        Directory.CreateDirectory(layout.WebRoot);
        builder.Environment.WebRootPath = layout.WebRoot;
        builder.Environment.WebRootFileProvider = new PhysicalFileProvider(layout.WebRoot);
        // Run from a build rather than a publish, the compressed copies of the web root's files live
        // under obj/: the build's runtime manifest says where, in every environment, not only in
        // Development. A published site has no such manifest and finds them all in its web root.
        StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);

        builder.Services.AddSingleton(layout);
        builder.Services.Configure<SiteLayoutOptions>(builder.Configuration.GetSection(SiteLayoutOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
