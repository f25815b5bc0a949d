using System.Security.Claims;

namespace Participation.Web.Shared;

public static class Roles
{
    public const string Young = "Young";
    public const string Parent = "Parent";
    public const string Facilitator = "Facilitator";
    public const string Moderator = "Moderator";
    public const string Professional = "Professional";
    public const string Establishment = "Establishment";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All =
        [Young, Parent, Facilitator, Moderator, Professional, Establishment, Admin];

    /// <summary>The team: facilitators, moderators and the département's staff. They act under their role, never their name.</summary>
    public static readonly IReadOnlyList<string> Staff = [Facilitator, Moderator, Admin];

    /// <summary>The part of the team that runs the council's sessions and looks after young members' accounts.</summary>
    public static readonly IReadOnlyList<string> Facilitation = [Facilitator, Admin];

    /// <summary>The part of the team that moderates and watches over safety; it writes as « l'équipe de modération ».</summary>
    public static readonly IReadOnlyList<string> Moderation = [Moderator, Admin];

    public static bool IsStaff(this ClaimsPrincipal user) => user.IsInAny(Staff);

    public static bool IsInAny(this ClaimsPrincipal user, IEnumerable<string> roles) => roles.Any(user.IsInRole);

    public static string Label(string role) => role switch
    {
        Young => "Jeune",
        Parent => "Parent",
        Facilitator => "Animateur·rice",
        Moderator => "Modérateur·rice",
        Professional => "Professionnel·le",
        Establishment => "Représentant·e d'établissement",
        Admin => "Pilotage du schéma",
        _ => role,
    };
}
