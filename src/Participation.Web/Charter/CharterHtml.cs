using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Participation.Web.Charter;

public static class CharterHtml
{
    /// <summary>Compared words in one run, no space added between pieces: insertions in &lt;ins&gt;, deletions in &lt;del&gt;.</summary>
    public static IHtmlContent Words(IReadOnlyList<WordPiece> pieces)
    {
        // Mostly rewritten, a sentence cut into many small changes is hard to follow: old struck through, then new.
        var kept = pieces.Where(p => p.Kind == PieceKind.Same).Sum(p => p.Text.Trim().Length);
        var after = string.Concat(pieces.Where(p => p.Kind != PieceKind.Deleted).Select(p => p.Text));
        var before = string.Concat(pieces.Where(p => p.Kind != PieceKind.Inserted).Select(p => p.Text));
        if (before.Length > 0 && after.Length > 0 && before != after && 2 * kept < after.Trim().Length)
        {
            return new HtmlString($"<del>{WebUtility.HtmlEncode(before)}</del><ins>{WebUtility.HtmlEncode(after)}</ins>");
        }
        var html = new StringBuilder();
        foreach (var piece in pieces)
        {
            var text = WebUtility.HtmlEncode(piece.Text);
            html.Append(piece.Kind switch
            {
                PieceKind.Inserted => $"<ins>{text}</ins>",
                PieceKind.Deleted => $"<del>{text}</del>",
                _ => text,
            });
        }
        return new HtmlString(html.ToString());
    }
}
