namespace Participation.Web.Data;

public static class ScopedDb
{
    /// <summary>Runs some work on a database context of its own, for a singleton that outlives requests.</summary>
    public static async Task<T> WithDbAsync<T>(this IServiceScopeFactory scopes, Func<ParticipationDb, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ParticipationDb>());
    }
}
