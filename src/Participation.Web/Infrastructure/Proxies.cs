using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Participation.Web.Infrastructure;

/// <summary>
/// A reverse proxy (nginx, a load balancer) in front of the site. Its X-Forwarded-For and
/// X-Forwarded-Proto headers are believed only when the request comes from a proxy named in
/// <c>Site:KnownProxies</c> or <c>Site:KnownNetworks</c>; from anyone else they are ignored,
/// since any client can write them. Believed, they give every limit its real client (forty
/// phones behind the proxy are forty addresses, not one) and every request its real scheme, so
/// HSTS is sent and cookies marked Secure when people come over https.
/// </summary>
public static class Proxies
{
    public static WebApplicationBuilder AddProxies(this WebApplicationBuilder builder)
    {
        var site = builder.Configuration.GetSection(SiteLayoutOptions.Section).Get<SiteLayoutOptions>() ?? new SiteLayoutOptions();
        var proxies = site.KnownProxies.Select(ParseProxy).ToList();
        var networks = site.KnownNetworks.Select(ParseNetwork).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what the settings name is trusted.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
            // Read from the nearest hop outwards for as long as each hop is a known proxy.
            options.ForwardLimit = null;
        });

        builder.Services.AddSingleton<SiteAddress>();
        var https = SiteAddress.Parse(site.PublicAddress)?.Scheme == Uri.UriSchemeHttps;
        builder.Services.Configure<CookiePolicyOptions>(options =>
            options.Secure = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>Whether the settings name any proxy, so that forwarded headers are read at all.</summary>
    public static bool Trusted(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        return options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0;
    }

    private static IPAddress ParseProxy(string text) =>
        IPAddress.TryParse(text.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"Site:KnownProxies : « {text} » n'est pas une adresse IP (par exemple 127.0.0.1 ou 10.0.0.2).");

    private static System.Net.IPNetwork ParseNetwork(string text) =>
        System.Net.IPNetwork.TryParse(text.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"Site:KnownNetworks : « {text} » n'est pas un réseau (par exemple 10.0.0.0/24).");
}
