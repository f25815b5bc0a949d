using Participation.Web.Demo;

namespace Participation.Tests.Infrastructure;

public static class DemoRoles
{
    /// <summary>One demo login per role, for theories that go through every role.</summary>
    public static TheoryData<string, string> EveryRole
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (login, role, _) in DemoSeeder.Logins.DistinctBy(l => l.Role))
            {
                data.Add(login, role);
            }
            return data;
        }
    }
}
