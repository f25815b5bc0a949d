namespace Participation.Tests.Infrastructure;

/// <summary>For what arrives a moment later (a message through SignalR or Redis, a background pass): checked every 50 ms, for 10 seconds at most unless told.</summary>
public static class Wait
{
    public static Task Until(Func<bool> condition) => Until(condition, TimeSpan.FromSeconds(10));

    public static async Task Until(Func<bool> condition, TimeSpan atMost)
    {
        var until = DateTime.UtcNow + atMost;
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }
}
