namespace Participation.Web.Accounts;

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

public static class Policies
{
    /// <summary>Facilitators and the département's staff create and look after young members' accounts.</summary>
    public const string ManageYoungMembers = nameof(ManageYoungMembers);

    public const string Administer = nameof(Administer);
}
