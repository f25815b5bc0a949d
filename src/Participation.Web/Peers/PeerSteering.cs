using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Peers;

/// <summary>What the team arranges in the network: topic circles, and the pair-aidant·e badge after a training.</summary>
public sealed partial class PeerSteering(ParticipationDb db, TimeProvider clock)
{
    public async Task<CommandResult<string>> CreateCircleAsync(Audience? audience, string? name, string? description, Actor staff)
    {
        var errors = new Dictionary<string, string>();
        var title = name?.Trim() ?? "";
        var text = description?.Trim() ?? "";
        if (audience is null || !Enum.IsDefined(audience.Value))
        {
            errors["Audience"] = "Choisissez pour qui est le cercle : un cercle n'a qu'un public, pour ne jamais mêler mineurs et adultes.";
        }
        if (title.Length is < 3 or > Circle.NameMaxLength)
        {
            errors["Name"] = $"Le nom fait de 3 à {Circle.NameMaxLength} caractères (ici : {title.Length}).";
        }
        if (text.Length is < 10 or > Circle.DescriptionMaxLength)
        {
            errors["Description"] = $"La description fait de 10 à {Circle.DescriptionMaxLength} caractères (ici : {text.Length}) : de quoi on y parle, pour qui.";
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }
        var slug = $"{audience!.Value.Slug()}-{Slugify(title)}";
        if (await db.PeerCircles.AnyAsync(c => c.Slug == slug))
        {
            return CommandResult.Fail("Name", "Un cercle de ce nom existe déjà pour ce public.");
        }
        db.PeerCircles.Add(new Circle { Slug = slug, Name = title, Description = text, Audience = audience.Value, CreatedAt = clock.GetUtcNow(), CreatedById = staff.MemberId });
        await db.SaveChangesAsync();
        return CommandResult.Ok(slug);
    }

    /// <summary>Gives the badge to a member of the network, from the day of their training.</summary>
    public async Task<CommandResult> GrantHelperAsync(string? pseudonym, DateOnly? since, string? training, Actor staff)
    {
        // As typed first; then whatever the capitals (« faucon » finds Faucon), unless two accounts differ only by them.
        var typed = pseudonym?.Trim() ?? "";
        var member = typed.Length == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.Pseudonym == typed);
        if (member is null && typed.Length > 0)
        {
            var alike = (await db.Users.Select(u => new { u.Id, u.Pseudonym }).ToListAsync())
                .Where(u => string.Equals(u.Pseudonym, typed, StringComparison.OrdinalIgnoreCase)).ToList();
            if (alike.Count > 1)
            {
                return CommandResult.Fail("Pseudonym", $"Plusieurs comptes s'écrivent ainsi ({string.Join(", ", alike.Select(u => u.Pseudonym))}) : tapez le pseudonyme exactement, majuscules comprises.");
            }
            member = alike.Count == 1 ? await db.Users.SingleAsync(u => u.Id == alike[0].Id) : null;
        }
        if (member is null)
        {
            return CommandResult.Fail("Pseudonym", "Aucun compte n'a ce pseudonyme.");
        }
        var roles = await db.UserRoles.Where(ur => ur.UserId == member.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync();
        var standing = PeerRules.Standing(roles.Contains, member.BirthYear, clock.GetLocalNow().Year);
        if (standing.Audiences.Count == 0)
        {
            return CommandResult.Fail("Pseudonym", "Le badge est pour les jeunes de 11 à 25 ans et les parents du réseau, après leur formation.");
        }
        if (since is null || since > DateOnly.FromDateTime(clock.GetLocalNow().DateTime))
        {
            return CommandResult.Fail("Since", "Indiquez la date de fin de la formation, aujourd'hui ou avant.");
        }
        var what = training?.Trim() ?? "";
        if (what.Length is < 3 or > PeerProfile.TrainingMaxLength)
        {
            return CommandResult.Fail("Training", $"Indiquez la formation suivie, en 3 à {PeerProfile.TrainingMaxLength} caractères.");
        }
        var profile = await db.PeerProfiles.SingleOrDefaultAsync(p => p.MemberId == member.Id);
        if (profile?.HelperSince is { } already)
        {
            return CommandResult.Fail("Pseudonym", $"{member.Pseudonym} a déjà le badge depuis le {FrenchDates.Day(already)} ({profile.HelperTraining}) : retirez-le d'abord pour le donner à nouveau.");
        }
        if (profile is null)
        {
            profile = new PeerProfile { MemberId = member.Id };
            db.PeerProfiles.Add(profile);
        }
        profile.HelperSince = since;
        profile.HelperTraining = what;
        profile.HelperGrantedById = staff.MemberId;
        await db.SaveChangesAsync();
        return CommandResult.Ok();
    }

    public async Task RevokeHelperAsync(string memberId) =>
        await db.PeerProfiles.Where(p => p.MemberId == memberId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.HelperSince, (DateOnly?)null).SetProperty(p => p.HelperTraining, (string?)null).SetProperty(p => p.HelperGrantedById, (string?)null));

    private static string Slugify(string text)
    {
        var plain = new string(text.Normalize(System.Text.NormalizationForm.FormD).Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
        var slug = NonWord().Replace(plain.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
