using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Participation.Web.Infrastructure;

/// <summary>A page with a form: French messages next to their field, and a summary at the top.</summary>
public abstract class FormPageModel : PageModel
{
    public void AddError(string field, string message) => ModelState.AddModelError(field, message);

    public void AddErrors(IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (field, message) in errors)
        {
            AddError(field, message);
        }
    }

    /// <summary>
    /// The page again, with what was typed and the message next to the field, as a 429 that says
    /// in Retry-After how long to wait, like the message.
    /// </summary>
    public IActionResult TooManyAttempts(string field, string message, TimeSpan wait)
    {
        AddError(field, message);
        return PageToWait(wait);
    }

    /// <summary>
    /// The page again as a 429 whose Retry-After says how long to wait, for a refusal the page tells
    /// in its own words rather than as something to correct.
    /// </summary>
    public IActionResult PageToWait(TimeSpan wait)
    {
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        // This page is the answer: the generic error page must not take its place.
        if (HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
        return Page();
    }

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;

    /// <summary>The id of the field's error message, for aria-describedby, when there is one.</summary>
    public string? DescribedBy(string field) => ErrorFor(field) is null ? null : FieldErrorId(field);

    public static string FieldErrorId(string field) => "erreur-" + field.ToLowerInvariant();

    /// <summary>The message to show under a field, or nothing.</summary>
    public IHtmlContent FieldError(string field) =>
        ErrorFor(field) is { } message
            ? new HtmlString($"<p class=\"field-error\" id=\"{FieldErrorId(field)}\">{HttpContext.RequestServices.GetRequiredService<HtmlEncoder>().Encode(message)}</p>")
            : HtmlString.Empty;

    /// <summary>The heading of the error summary; a page in another language says it in that language.</summary>
    public virtual string ErrorSummaryTitle(int count) => count == 1 ? "Une chose à corriger" : $"{count} choses à corriger";

    /// <summary>A line of the error summary: the message, or, where several fields can say the same thing, the field it is about and the message.</summary>
    public virtual string ErrorLine(string field, string message) => message;

    /// <summary>Where a summary line leads, for a field whose message is on the page; nothing by default.</summary>
    public virtual string? ErrorAnchor(string field) => null;

    public IReadOnlyList<(string Field, string Message)> AllErrors =>
        ModelState.Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(error => (e.Key, error.ErrorMessage)))
            .ToList();
}
