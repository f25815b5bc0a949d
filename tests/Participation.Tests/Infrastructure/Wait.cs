namespace Participation.Tests.Infrastructure;

/// <summary>For what arrives a moment later (a message through SignalR or Redis, a background pass): checked every 50 ms, for 10 seconds at most.</summary>
public static class Wait
{
    public static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }
}
