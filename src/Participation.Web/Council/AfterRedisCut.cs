using StackExchange.Redis;

namespace Participation.Web.Council;

/// <summary>
/// Once a Redis connection is back after a cut, this instance may have missed changes made on the
/// others: its live sessions are read afresh. Redis's event only starts the reading, which nobody
/// awaits, so nothing may escape it; once the site is stopping (its services perhaps already gone)
/// it does nothing.
/// </summary>
public static class AfterRedisCut
{
    public static void ReadSessionsAfresh(IConnectionMultiplexer connection, Func<LiveSessions> live, ILogger logger, CancellationToken stopping, string what)
    {
        connection.ConnectionRestored += (_, _) => _ = ReadAfreshAsync(live, logger, stopping, what);
    }

    /// <summary>Reads the sessions afresh; never throws.</summary>
    public static async Task ReadAfreshAsync(Func<LiveSessions> live, ILogger logger, CancellationToken stopping, string what)
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }
        try
        {
            await live().ReloadAllAsync();
        }
        catch (Exception e)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }
            try
            {
                logger.LogWarning(e, "Reading the live sessions afresh after {What} came back failed", what);
            }
            catch
            {
                // Logging itself may be gone at this point: the next reading will say more.
            }
        }
    }
}
