using Participation.Web.Infrastructure;

namespace Participation.Tests.Infrastructure;

public static class RepoPaths
{
    public static string Root { get; } = SiteLayout.FindRoot(AppContext.BaseDirectory);
    public static string Content => Path.Combine(Root, "content");
}
