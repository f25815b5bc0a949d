using Microsoft.AspNetCore.Identity;
using Participation.Web.Shared;

namespace Participation.Web.Accounts;

public sealed class FrenchIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Une erreur inattendue s'est produite. Réessayez dans un instant.");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Ce compte vient d'être modifié par quelqu'un d'autre. Rechargez la page.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Le mot de passe actuel est incorrect : attention aux majuscules et aux espaces.");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Ce lien ou ce code n'est plus valable.");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "Cet identifiant contient des caractères non autorisés.");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Cette adresse e-mail n'est pas valide.");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"L'identifiant « {userName} » est déjà pris.");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"L'adresse « {email} » est déjà utilisée.");
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "Ce compte a déjà un mot de passe.");
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Le verrouillage n'est pas activé pour ce compte.");
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"Ce compte a déjà le rôle {Roles.Label(role)}.");
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"Ce compte n'a pas le rôle {Roles.Label(role)}.");

    // A refused password is shown to a child as well as to the team: each message says what is wrong
    // and what will do, without « tu » or « vous », since the same words serve both.
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort),
        $"Ce mot de passe est trop court : il faut au moins {length} caractères. Un ou deux mots de plus, et c'est bon.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars),
        $"Ce mot de passe répète trop les mêmes caractères : il en faut au moins {uniqueChars} différents. Une phrase avec de vrais mots, c'est parfait.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "Ce mot de passe doit contenir un signe, comme ! ou ?. En ajouter un suffit.");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Ce mot de passe doit contenir un chiffre. En ajouter un suffit.");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Ce mot de passe doit contenir une lettre minuscule. En ajouter une suffit.");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Ce mot de passe doit contenir une lettre majuscule. En ajouter une suffit.");

    public IdentityError CommonPassword() => Error(nameof(CommonPassword),
        "Ce mot de passe est trop connu : les pirates l'essaient parmi les premiers, même avec des majuscules ou des chiffres au bout. "
        + "Une petite phrase de 3 ou 4 mots, inventée, marche bien mieux.");
    public IdentityError ExamplePassword() => Error(nameof(ExamplePassword),
        "C'est l'exemple écrit sur la page : tout le monde peut le lire. Il faut une phrase inventée, avec d'autres mots.");
    public IdentityError PasswordLikeName() => Error(nameof(PasswordLikeName),
        "Ce mot de passe ressemble trop au pseudo, au nom ou à l'identifiant, que d'autres peuvent connaître. Il faut d'autres mots.");
    public IdentityError PasswordSpaceAtAnEnd() => Error(nameof(PasswordSpaceAtAnEnd),
        "Pas d'espace au début ni à la fin du mot de passe : on l'oublie facilement en se connectant.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
