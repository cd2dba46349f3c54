namespace ReviewRoom.Web.Hosting;

/// <summary>
/// Wakes a background worker when there is new work, so it starts at once rather than at its next poll.
/// Wakes while it is busy fold into one: it looks again when it is done.
/// </summary>
public abstract class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
            _signal.Release();
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _signal.Dispose();
        GC.SuppressFinalize(this);
    }
}
