namespace Participation.Web.Accounts;

public static class Policies
{
    /// <summary>Facilitators and the département's staff create and look after young members' accounts.</summary>
    public const string ManageYoungMembers = nameof(ManageYoungMembers);

    public const string Administer = nameof(Administer);
}
