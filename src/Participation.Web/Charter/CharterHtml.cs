using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Participation.Web.Charter;

public static class CharterHtml
{
    /// <summary>Compared words in one run, no space added between pieces: insertions in &lt;ins&gt;, deletions in &lt;del&gt;.</summary>
    public static IHtmlContent Words(IReadOnlyList<WordPiece> pieces)
    {
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
