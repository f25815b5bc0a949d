using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Participation.Web.Infrastructure;

namespace Participation.Web.Testimonies;

/// <summary>
/// Anyone with a withdrawal code takes the testimony back, with no account: first the code is
/// checked and what it opens is named, then one more press deletes it all.
/// </summary>
[AllowAnonymous]
public sealed class WithdrawModel(TestimonyWithdrawal withdrawal, WithdrawalAttempts attempts) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public IReadOnlyList<Testimony> Found { get; private set; } = [];
    public bool Done { get; private set; }

    public void OnGet(bool fait = false) => Done = fait;

    public async Task<IActionResult> OnPostCheckAsync()
    {
        if (await CheckAsync() is { } refused)
        {
            return refused;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (await CheckAsync() is { } refused)
        {
            return refused;
        }
        foreach (var testimony in Found)
        {
            await withdrawal.EraseAsync(testimony);
        }
        return RedirectToPage(new { fait = true });
    }

    private async Task<IActionResult?> CheckAsync()
    {
        if (attempts.WaitFor(HttpContext) is { } wait)
        {
            return TooManyAttempts("Code", $"Trop de codes erronés depuis cette connexion. Réessaie dans {FrenchDates.Duration(wait)}.", wait);
        }
        if (WithdrawalCodes.Normalise(Code) is null)
        {
            AddError("Code", "Le code a 10 caractères, lettres et chiffres, par exemple ABCDE-23456. Vérifie-le sur ton reçu.");
            return Page();
        }
        Found = await withdrawal.FindAsync(Code);
        if (Found.Count == 0)
        {
            attempts.Failed(HttpContext);
            AddError("Code", "Aucun témoignage ne correspond à ce code. Vérifie chaque caractère ; s'il a déjà servi, le témoignage est déjà retiré.");
            return Page();
        }
        return null;
    }
}
