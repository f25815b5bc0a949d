using Microsoft.Extensions.Options;

namespace Participation.Web.Infrastructure;

/// <summary>
/// The address people reach the site at. Links that leave the page (a QR code on the projector,
/// slips printed for families, a message to share, a mail) start with <c>Site:PublicAddress</c>
/// when it is set, never with what a request says of itself: behind a proxy the request sees
/// the proxy's inner address, and its Host header is whatever the sender wrote. Without the
/// setting (a machine of one's own, the tests) the request's address is all there is.
/// </summary>
public sealed class SiteAddress
{
    private readonly Uri? _public;

    public SiteAddress(IOptions<SiteLayoutOptions> options)
    {
        _public = Parse(options.Value.PublicAddress);
    }

    /// <summary>The configured public address, if any, without its trailing slash.</summary>
    public Uri? Public => _public;

    /// <summary>Whether the site is reached over https, so its cookies are only ever sent that way.</summary>
    public bool IsHttps => _public?.Scheme == Uri.UriSchemeHttps;

    /// <summary>An absolute link to a path of this site (« /rejoindre?code=… »).</summary>
    public string Link(HttpRequest request, string pathAndQuery) => Origin(request) + pathAndQuery;

    /// <summary>An absolute link for what leaves without a request (a mail, a command's output); null without a public address.</summary>
    public string? Link(string pathAndQuery) => _public is { } site ? Root(site) + pathAndQuery : null;

    /// <summary>The address written for a reader to type, without « https:// » (« participation.bellerive.fr/rejoindre »).</summary>
    public string Typed(HttpRequest request, string path) =>
        (_public is { } site ? site.Authority + site.AbsolutePath.TrimEnd('/') : request.Host.Value) + path;

    /// <summary>Whether a browser's Origin header names this site: its public address or, without one, the address it was asked at.</summary>
    public bool IsOwnOrigin(HttpRequest request, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var page))
        {
            return false;
        }
        if (_public is { } site)
        {
            return string.Equals(page.Scheme, site.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(page.Authority, site.Authority, StringComparison.OrdinalIgnoreCase);
        }
        return string.Equals(page.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private string Origin(HttpRequest request) =>
        _public is { } site ? Root(site) : $"{request.Scheme}://{request.Host}";

    private static string Root(Uri site) => site.GetLeftPart(UriPartial.Authority) + site.AbsolutePath.TrimEnd('/');

    /// <summary>Reads the setting; an address that is not an absolute http(s) one stops the site at start, saying so.</summary>
    public static Uri? Parse(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }
        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var address)
            || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(address.Query) || !string.IsNullOrEmpty(address.Fragment))
        {
            throw new InvalidOperationException(
                $"Site:PublicAddress doit être une adresse complète, par exemple « https://participation.bellerive.fr » (reçu « {configured} »).");
        }
        return address;
    }
}
