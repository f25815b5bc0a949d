using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Charter;

/// <summary>
/// A young person says, once a year and without their name, whether each practice of the charter
/// is real where they live; practices they do not know are skipped.
/// </summary>
[Authorize(Roles = Roles.Young)]
public sealed class YouthViewPageModel(ParticipationDb db, CharterFollowUp followUp, TimeProvider clock) : FormPageModel
{
    public IReadOnlyList<PracticeView> Practices { get; private set; } = [];
    public string? Refusal { get; private set; }
    public bool Thanks { get; private set; }
    public bool Child { get; private set; }
    public int Year => followUp.CurrentYear;
    public Dictionary<int, PracticeLevel?> Answers { get; private set; } = [];

    /// <summary>Some practices were left out: the person is asked once more before their only answer of the year goes.</summary>
    public int? Unanswered { get; private set; }

    [BindProperty] public bool Confirmed { get; set; }

    public async Task OnGetAsync(string? fait)
    {
        Thanks = fait == "merci";
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        Answers = Practices.ToDictionary(p => p.Key, p =>
            Enum.TryParse<PracticeLevel>(Request.Form[$"Level-{p.Key.ToString(CultureInfo.InvariantCulture)}"], out var level) ? (PracticeLevel?)level : null);
        var left = Answers.Count(a => a.Value is null);
        if (left > 0 && Answers.Any(a => a.Value is not null) && !Confirmed)
        {
            Unanswered = left;
            return Page();
        }
        var result = await followUp.GiveViewAsync(Actor.From(User), Answers);
        if (!result.Succeeded)
        {
            AddErrors(result.Errors);
            return Page();
        }
        return Redirect("/charte/mon-avis?fait=merci");
    }

    private async Task LoadAsync()
    {
        var memberId = User.MemberId()!;
        var birthYear = await db.Users.Where(u => u.Id == memberId).Select(u => u.BirthYear).SingleAsync();
        Child = AgeBands.IsChild(birthYear, FrenchDates.ToParis(clock.GetUtcNow()).Year);
        var (version, practices) = await followUp.FollowedAsync();
        if (version is null)
        {
            Refusal = "La charte n'est pas encore adoptée : il n'y a pas encore d'avis à donner.";
            return;
        }
        (_, Refusal) = await followUp.ViewerAsync(Actor.From(User));
        Practices = practices;
    }

    public string Picture(PracticeLevel level) => level switch
    {
        PracticeLevel.InPlace => "😀",
        PracticeLevel.InProgress => "😐",
        _ => "🙁",
    };
}
