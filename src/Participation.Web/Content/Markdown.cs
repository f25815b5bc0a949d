using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Syntax;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;

namespace Participation.Web.Content;

/// <summary>
/// The one Markdown pipeline of the site. Raw HTML is never passed through, and links or images
/// whose address could run script are turned back into plain text. The pages are in French and
/// get French spacing (<see cref="FrenchSpacing"/>).
/// </summary>
public static class Markdown
{
    private static readonly string[] SafeSchemes = ["http", "https", "mailto", "tel", "sms"];

    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseListExtras()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseAutoLinks()
        .DisableHtml()
        .Use<FrenchSpacing>()
        .Build();

    public static MarkdownDocument Parse(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        Neutralise(document);
        return document;
    }

    public static string ToHtml(MarkdownDocument document) => document.ToHtml(Pipeline);

    public static string ToHtml(string markdown) => ToHtml(Parse(markdown));

    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        var compact = new string(url.Where(c => c > ' ' && c != '\u007F').ToArray());
        var colon = compact.IndexOf(':');
        var firstDelimiter = compact.IndexOfAny(['/', '?', '#']);
        var hasScheme = colon > 0 && (firstDelimiter < 0 || colon < firstDelimiter);
        if (!hasScheme)
        {
            // A relative address; "//host" would leave the site silently, so it is refused too.
            return !(compact.Length >= 2 && compact[0] is '/' or '\\' && compact[1] is '/' or '\\');
        }
        var scheme = compact[..colon].ToLowerInvariant();
        return SafeSchemes.Contains(scheme);
    }

    private static void Neutralise(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (IsSafeUrl(link.Url))
            {
                if (link.Url!.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !link.IsImage)
                {
                    link.GetAttributes().AddProperty("rel", "noopener noreferrer");
                }
                continue;
            }
            ReplaceWithText(link);
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!autolink.IsEmail && !IsSafeUrl(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    private static void ReplaceWithText(LinkInline link)
    {
        if (link.IsImage)
        {
            var alt = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            link.ReplaceBy(new LiteralInline(alt));
            return;
        }
        // Keep the words of the link, drop the address.
        var words = new ContainerInline();
        while (link.FirstChild is { } child)
        {
            child.Remove();
            words.AppendChild(child);
        }
        link.ReplaceBy(words);
    }
}
