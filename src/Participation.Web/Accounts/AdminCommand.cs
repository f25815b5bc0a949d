using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Participation.Web.Infrastructure;
using Participation.Web.Shared;

namespace Participation.Web.Accounts;

/// <summary>
/// The first administrator of a new site, made from the command line:
/// <c>dotnet run --project src/Participation.Web -- admin create --email …</c>. The account has no
/// password; the command prints a link, valid once and for a day, where its owner chooses one.
/// </summary>
public static class AdminCommand
{
    public const string DefaultPseudonym = "Pilotage";

    public static bool Handles(string[] args) => args is ["admin", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var verb = args.Length > 1 ? args[1] : null;
        var options = args.Skip(2).ToList();
        if (verb is not ("create" or "link") || Option(options, "--email") is not { } email)
        {
            await output.WriteLineAsync("Usage : admin create --email adresse@exemple.fr [--pseudonym Pilotage]");
            await output.WriteLineAsync("        admin link --email adresse@exemple.fr   (un nouveau lien pour un compte d'administration)");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var created = verb == "create"
            ? await CreateAsync(scope.ServiceProvider, email, Option(options, "--pseudonym"))
            : await NewLinkAsync(scope.ServiceProvider, email);
        if (created.Error is { } error)
        {
            await output.WriteLineAsync(error);
            return 1;
        }
        await output.WriteLineAsync(verb == "create"
            ? $"Compte d'administration créé pour {email.Trim()} (pseudonyme {created.Pseudonym})."
            : $"Nouveau lien pour le compte d'administration {email.Trim()} (pseudonyme {created.Pseudonym}) : le précédent ne sert plus.");
        await output.WriteLineAsync("Ouvrez ce lien pour choisir le mot de passe. Il sert une seule fois et pendant 24 heures :");
        await output.WriteLineAsync(created.Link);
        if (created.NoPublicAddress)
        {
            await output.WriteLineAsync("Réglez Site:PublicAddress (l'adresse publique du site) pour que le lien commence par la bonne adresse.");
        }
        return 0;
    }

    public sealed record Created(string? Pseudonym, string? Link, bool NoPublicAddress, string? Error);

    /// <summary>Makes the account with the administrator role and no password, and the one-time link to set it.</summary>
    public static async Task<Created> CreateAsync(IServiceProvider services, string email, string? pseudonym)
    {
        email = email.Trim();
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            return new(null, null, false, $"« {email} » n'est pas une adresse électronique.");
        }
        var users = services.GetRequiredService<UserManager<Member>>();
        if (await users.FindByNameAsync(email) is not null || await users.Users.AnyAsync(u => u.NormalizedEmail == users.NormalizeEmail(email)))
        {
            return new(null, null, false, $"Un compte existe déjà pour {email} : rien n'a été créé.");
        }
        var chosen = pseudonym?.Trim() is { Length: > 0 } given ? given : await FreePseudonymAsync(users);
        if (chosen.Length > Member.PseudonymMaxLength || await users.Users.AnyAsync(u => u.Pseudonym == chosen))
        {
            return new(null, null, false, $"Le pseudonyme « {chosen} » est déjà pris ou trop long ({Member.PseudonymMaxLength} caractères au plus) : rien n'a été créé.");
        }
        var member = new Member
        {
            UserName = email,
            Email = email,
            Pseudonym = chosen,
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var result = await users.CreateAsync(member);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(member, Roles.Admin);
        }
        if (!result.Succeeded)
        {
            return new(null, null, false, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        return await LinkAsync(services, users, member);
    }

    /// <summary>
    /// A fresh link for an administrator whose link expired or was lost: the security stamp changes
    /// first, so any earlier link stops working. Only administrator accounts get one this way.
    /// </summary>
    public static async Task<Created> NewLinkAsync(IServiceProvider services, string email)
    {
        var users = services.GetRequiredService<UserManager<Member>>();
        if (await users.FindByNameAsync(email.Trim()) is not { } member || !await users.IsInRoleAsync(member, Roles.Admin))
        {
            return new(null, null, false, $"Aucun compte d'administration pour {email.Trim()} : aucun lien n'a été fait.");
        }
        await users.UpdateSecurityStampAsync(member);
        return await LinkAsync(services, users, member);
    }

    private static async Task<Created> LinkAsync(IServiceProvider services, UserManager<Member> users, Member member)
    {
        var token = await users.GeneratePasswordResetTokenAsync(member);
        var path = $"/compte/premier-acces?compte={Uri.EscapeDataString(member.Id)}&jeton={Uri.EscapeDataString(token)}";
        var link = services.GetRequiredService<SiteAddress>().Link(path);
        return new(member.Pseudonym, link ?? "http://localhost:5000" + path, link is null, null);
    }

    private static async Task<string> FreePseudonymAsync(UserManager<Member> users)
    {
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? DefaultPseudonym : $"{DefaultPseudonym}-{n}";
            if (!await users.Users.AnyAsync(u => u.Pseudonym == candidate))
            {
                return candidate;
            }
        }
    }

    private static string? Option(IReadOnlyList<string> options, string name)
    {
        var at = options.ToList().IndexOf(name);
        return at >= 0 && at + 1 < options.Count ? options[at + 1] : null;
    }
}
