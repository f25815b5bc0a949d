using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Data;
using Participation.Web.Shared;

namespace Participation.Web.Accounts;

public sealed record NewYoungMember(string Pseudonym, int BirthYear, string? RealName, int? EstablishmentId = null);

/// <summary>An establishment as the facilitators pick it: its name, and its town to tell two alike apart.</summary>
public sealed record EstablishmentChoice(int Id, string Label);

/// <summary>A young member's account with the activation code just made for it, to print on the slip.</summary>
public sealed record MemberWithCode(Member Member, string Code);

/// <summary>Creating young members' accounts and handing them one-time activation codes.</summary>
public sealed partial class YoungMembers(ParticipationDb db, UserManager<Member> users, TimeProvider clock)
{
    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}_-]{2,23}$")]
    private static partial Regex PseudonymShape();

    public const string UnknownEstablishment =
        "Ce lieu de vie n'est pas dans la liste. Choisissez-en un parmi ceux proposés, ou « Pas en établissement / ne pas préciser ».";

    public int CurrentYear => clock.GetLocalNow().Year;

    /// <summary>
    /// The young members in this person's care: every one for an administrator; for a facilitator,
    /// those they created and those living in an establishment they follow. Only these show with
    /// their real name and place, and only these can be given a new code or moved.
    /// </summary>
    public IQueryable<Member> InCareOf(System.Security.Claims.ClaimsPrincipal user)
    {
        var young = db.MembersInRole(Roles.Young);
        if (user.IsInRole(Roles.Admin))
        {
            return young;
        }
        if (user.MemberId() is not { } me || !user.IsInRole(Roles.Facilitator))
        {
            return young.Where(_ => false);
        }
        var followed = db.FollowedEstablishments.Where(f => f.FacilitatorId == me).Select(f => f.EstablishmentId);
        return young.Where(u => u.CreatedById == me || (u.EstablishmentId != null && followed.Contains(u.EstablishmentId.Value)));
    }

    public Task<bool> ExistsAsync(string id) => db.MembersInRole(Roles.Young).AnyAsync(u => u.Id == id);

    /// <summary>The names of the establishments a facilitator follows, for their pages to say whose young people they see.</summary>
    public async Task<IReadOnlyList<string>> FollowedByAsync(string facilitatorId) =>
        await db.FollowedEstablishments.Where(f => f.FacilitatorId == facilitatorId)
            .Join(db.Establishments, f => f.EstablishmentId, e => e.Id, (f, e) => e.Name)
            .OrderBy(name => name)
            .ToListAsync();

    /// <summary>Sets the establishments a facilitator follows, replacing the former ones.</summary>
    public async Task<CommandResult> SetFollowedAsync(string facilitatorId, IReadOnlyCollection<int> establishmentIds)
    {
        if (!await db.MembersInRole(Roles.Facilitator).AnyAsync(u => u.Id == facilitatorId))
        {
            return CommandResult.Fail("", "Ce compte n'est pas celui d'un animateur ou d'une animatrice.");
        }
        var known = await db.Establishments.Where(e => establishmentIds.Contains(e.Id)).Select(e => e.Id).ToListAsync();
        if (known.Count != establishmentIds.Distinct().Count())
        {
            return CommandResult.Fail("Establishments", UnknownEstablishment);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.FollowedEstablishments.Where(f => f.FacilitatorId == facilitatorId).ExecuteDeleteAsync();
        db.FollowedEstablishments.AddRange(known.Select(id => new FollowedEstablishment { FacilitatorId = facilitatorId, EstablishmentId = id }));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult.Ok();
    }

    public async Task<IReadOnlyList<EstablishmentChoice>> EstablishmentsAsync() =>
        await db.Establishments.OrderBy(e => e.Name)
            .Select(e => new EstablishmentChoice(e.Id, e.Name + " (" + e.Town + ")"))
            .ToListAsync();

    /// <summary>A posted choice: empty for no establishment, otherwise an id; anything else is no choice on the list.</summary>
    public static bool TryReadEstablishment(string? posted, out int? establishmentId)
    {
        establishmentId = null;
        if (string.IsNullOrWhiteSpace(posted))
        {
            return true;
        }
        if (int.TryParse(posted.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            establishmentId = id;
            return true;
        }
        return false;
    }

    public async Task<CommandResult<MemberWithCode>> CreateAsync(NewYoungMember input, string createdById)
    {
        var errors = new Dictionary<string, string>();
        var pseudonym = input.Pseudonym.Trim();
        var realName = string.IsNullOrWhiteSpace(input.RealName) ? null : input.RealName.Trim();

        if (!PseudonymShape().IsMatch(pseudonym))
        {
            errors[nameof(NewYoungMember.Pseudonym)] =
                "Le pseudonyme doit faire de 3 à 24 caractères : des lettres, des chiffres, des tirets (-) ou des soulignés (_), sans espace.";
        }
        else if (realName is not null && SharesAName(pseudonym, realName))
        {
            errors[nameof(NewYoungMember.Pseudonym)] = "Le pseudonyme ne doit pas reprendre le vrai nom du ou de la jeune.";
        }
        else if (await db.Users.AnyAsync(u => u.Pseudonym == pseudonym || u.NormalizedUserName == pseudonym.ToUpperInvariant()))
        {
            errors[nameof(NewYoungMember.Pseudonym)] = $"Le pseudonyme « {pseudonym} » est déjà pris. Choisissez-en un autre.";
        }

        if (AgeBands.Validate(input.BirthYear, CurrentYear) is { } ageError)
        {
            errors[nameof(NewYoungMember.BirthYear)] = ageError;
        }
        if (realName is { Length: > Member.NameMaxLength })
        {
            errors[nameof(NewYoungMember.RealName)] = $"Le nom fait au plus {Member.NameMaxLength} caractères.";
        }
        if (!await IsKnownEstablishmentAsync(input.EstablishmentId))
        {
            errors[nameof(NewYoungMember.EstablishmentId)] = UnknownEstablishment;
        }
        if (errors.Count > 0)
        {
            return CommandResult.Fail(errors);
        }

        var code = ActivationCodes.Generate();
        var member = new Member
        {
            UserName = pseudonym,
            Pseudonym = pseudonym,
            BirthYear = input.BirthYear,
            RealName = realName,
            EstablishmentId = input.EstablishmentId,
            CreatedAt = clock.GetUtcNow(),
            CreatedById = createdById,
        };
        SetCode(member, code);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(member);
        if (!created.Succeeded)
        {
            return CommandResult.Fail(nameof(NewYoungMember.Pseudonym), string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        var inRole = await users.AddToRoleAsync(member, Roles.Young);
        if (!inRole.Succeeded)
        {
            return CommandResult.Fail("", string.Join(" ", inRole.Errors.Select(e => e.Description)));
        }
        await transaction.CommitAsync();
        return CommandResult.Ok(new MemberWithCode(member, code));
    }

    /// <summary>Records where a young member lives, or clears it with null.</summary>
    public async Task<CommandResult> SetEstablishmentAsync(string memberId, int? establishmentId)
    {
        if (!await IsKnownEstablishmentAsync(establishmentId))
        {
            return CommandResult.Fail(nameof(Member.EstablishmentId), UnknownEstablishment);
        }
        // A new concurrency stamp makes a save of the account loaded earlier fail rather than bring the old place back.
        var stamp = Guid.NewGuid().ToString();
        var changed = await db.MembersInRole(Roles.Young).Where(u => u.Id == memberId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(u => u.EstablishmentId, establishmentId)
                .SetProperty(u => u.ConcurrencyStamp, stamp));
        return changed == 0
            ? CommandResult.Fail("", "Ce compte jeune n'existe pas.")
            : CommandResult.Ok();
    }

    /// <summary>
    /// A new code replaces any earlier one. For a young member who forgot their password it also
    /// removes the password, so the paper code is the only way back in.
    /// </summary>
    public async Task<CommandResult<MemberWithCode>> NewCodeAsync(string memberId)
    {
        var member = await users.FindByIdAsync(memberId);
        if (member is null || !await users.IsInRoleAsync(member, Roles.Young))
        {
            return CommandResult.Fail("", "Ce compte jeune n'existe pas.");
        }
        var code = ActivationCodes.Generate();
        SetCode(member, code);
        member.PasswordHash = null;
        member.ActivatedAt = null;
        var updated = await users.UpdateAsync(member);
        if (!updated.Succeeded)
        {
            return CommandResult.Fail("", string.Join(" ", updated.Errors.Select(e => e.Description)));
        }
        await users.UpdateSecurityStampAsync(member);
        return CommandResult.Ok(new MemberWithCode(member, code));
    }

    /// <summary>Sets the first password with a code; the code works once.</summary>
    public async Task<CommandResult<Member>> ActivateAsync(string typedCode, string password)
    {
        const string unknown = "Ce code n'est pas valable : il a peut-être déjà servi ou a expiré. Demande un nouveau code à ton animateur·rice.";
        var normalised = ActivationCodes.Normalise(typedCode);
        if (normalised is null)
        {
            return CommandResult.Fail("Code", "Le code a 8 caractères, comme ABCD-EFGH. Vérifie-le sur ton papier.");
        }
        var hash = ActivationCodes.Hash(normalised);
        var member = await db.Users.SingleOrDefaultAsync(u => u.ActivationCodeHash == hash);
        if (member is null || member.ActivationCodeExpiresAt < clock.GetUtcNow())
        {
            return CommandResult.Fail("Code", unknown);
        }

        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, member, password);
            if (!check.Succeeded)
            {
                return CommandResult.Fail("Password", check.Errors.First().Description);
            }
        }

        // Clearing the code and setting the password is one update, so a code can never be used twice.
        member.PasswordHash = users.PasswordHasher.HashPassword(member, password);
        member.ActivationCodeHash = null;
        member.ActivationCodeExpiresAt = null;
        member.ActivatedAt = clock.GetUtcNow();
        var updated = await users.UpdateAsync(member);
        if (!updated.Succeeded)
        {
            return CommandResult.Fail("Code", unknown);
        }
        return CommandResult.Ok(member);
    }

    private async Task<bool> IsKnownEstablishmentAsync(int? establishmentId) =>
        establishmentId is not { } id || await db.Establishments.AnyAsync(e => e.Id == id);

    private void SetCode(Member member, string code)
    {
        member.ActivationCodeHash = ActivationCodes.Hash(ActivationCodes.Normalise(code)!);
        member.ActivationCodeExpiresAt = clock.GetUtcNow() + ActivationCodes.Lifetime;
    }

    internal static bool SharesAName(string pseudonym, string realName)
    {
        var folded = pseudonym.ToLowerInvariant();
        return realName
            .Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part.Length >= 3)
            .Any(part => folded.Contains(part.ToLowerInvariant(), StringComparison.Ordinal));
    }
}
