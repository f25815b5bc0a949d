using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Participation.Web.Charter;

/// <summary>An establishment's signed certificate for a version, to print: signatures are public, like the charter.</summary>
[AllowAnonymous]
public sealed class CertificateModel(CharterQueries queries) : PageModel
{
    public CharterView Charter { get; private set; } = null!;
    public Signatory Signature { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int number, int establishment)
    {
        if (await queries.ViewAsync(number, staff: false, grounds: false) is not { Version.Status: CharterVersionStatus.Adopted } charter
            || charter.Version.Signatories.FirstOrDefault(s => s.EstablishmentId == establishment) is not { } signature)
        {
            return NotFound();
        }
        Charter = charter;
        Signature = signature;
        return Page();
    }
}
