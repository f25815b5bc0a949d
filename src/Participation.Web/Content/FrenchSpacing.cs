using Markdig;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Participation.Web.Infrastructure;

namespace Participation.Web.Content;

/// <summary>
/// French spacing for the Markdown pages, set when they are read rather than typed into the files:
/// editors keep writing an ordinary space before « ? » and the sources stay readable. Only the words
/// of the text change: code, addresses and automatic links are left alone.
/// </summary>
public sealed class FrenchSpacing : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.DocumentProcessed += Apply;

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    public static void Apply(MarkdownDocument document)
    {
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            if (leaf.Inline is not { } root)
            {
                continue;
            }
            foreach (var container in root.Descendants<ContainerInline>().Prepend(root).ToList())
            {
                // An address shown as itself keeps its exact characters.
                if (container is not LinkInline { IsAutoLink: true })
                {
                    SpaceRuns(container);
                }
            }
        }
    }

    /// <summary>
    /// Markdig cuts one sentence into several literals (at « ! », say), so each run of neighbouring
    /// literals is spaced as one text and kept in the first of them.
    /// </summary>
    private static void SpaceRuns(ContainerInline container)
    {
        var child = container.FirstChild;
        while (child is not null)
        {
            if (child is not LiteralInline first)
            {
                child = child.NextSibling;
                continue;
            }
            var run = new List<LiteralInline> { first };
            while (run[^1].NextSibling is LiteralInline next)
            {
                run.Add(next);
            }
            var text = string.Concat(run.Select(l => l.Content.ToString()));
            // After bold or a link the run continues a word: « **Attention**: » still takes its space.
            var afterWord = first.PreviousSibling is EmphasisInline or LinkInline or CodeInline;
            var spaced = FrenchTypography.Space(text, afterWord);
            if (spaced != text)
            {
                first.Content = new StringSlice(spaced);
                foreach (var rest in run.Skip(1))
                {
                    rest.Remove();
                }
            }
            child = first.NextSibling;
        }
    }
}
