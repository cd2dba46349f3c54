namespace ReviewRoom.TestHost;

/// <summary>Waits on a condition with a deadline, never on a fixed sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(15);

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, patience);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? DefaultPatience);
        while (!await condition())
        {
            try
            {
                await Task.Delay(25, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {(patience ?? DefaultPatience).TotalSeconds:0} s waiting for {what}.");
            }
        }
    }
}
