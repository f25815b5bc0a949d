using Microsoft.AspNetCore.Identity;

namespace Participation.Web.Accounts;

public sealed class FrenchIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Une erreur inattendue s'est produite. Réessayez dans un instant.");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Ce compte vient d'être modifié par quelqu'un d'autre. Rechargez la page.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Le mot de passe est incorrect.");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Ce lien ou ce code n'est plus valable.");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "Cet identifiant contient des caractères non autorisés.");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Cette adresse e-mail n'est pas valide.");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"L'identifiant « {userName} » est déjà pris.");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"L'adresse « {email} » est déjà utilisée.");
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Ce compte a déjà un mot de passe.");
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Le verrouillage n'est pas activé pour ce compte.");
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"Ce compte a déjà le rôle {Roles.Label(role)}.");
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"Ce compte n'a pas le rôle {Roles.Label(role)}.");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Le mot de passe doit faire au moins {length} caractères.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"Le mot de passe doit contenir au moins {uniqueChars} caractères différents.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "Le mot de passe doit contenir un caractère spécial.");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Le mot de passe doit contenir un chiffre.");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Le mot de passe doit contenir une minuscule.");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Le mot de passe doit contenir une majuscule.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
