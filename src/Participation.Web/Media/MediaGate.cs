using Microsoft.Extensions.Options;

namespace Participation.Web.Media;

/// <summary>
/// Lets a fixed number of answers have their files decoded and converted at once. Twenty phones
/// sending together wait their turn instead of holding twenty decoded photos in memory; each answer
/// keeps its slot for all its files, so answers come out one after another rather than all at the end.
/// </summary>
public sealed class MediaGate(IOptions<MediaOptions> options) : IDisposable
{
    /// <summary>How long an upload waits for a slot before the phone is told to send it again later.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _slots = new(options.Value.ConcurrentProcessing);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellation)
    {
        await _slots.WaitAsync(cancellation);
        return new Slot(_slots);
    }

    /// <summary>A slot within <paramref name="wait"/>, or null when every slot stayed busy that long.</summary>
    public async Task<IDisposable?> TryEnterAsync(TimeSpan wait, CancellationToken cancellation) =>
        await _slots.WaitAsync(wait, cancellation) ? new Slot(_slots) : null;

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
