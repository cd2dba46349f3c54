using ReviewRoom.Core.Rooms;

namespace ReviewRoom.Web.Components;

/// <summary>Something a page holds that changes often, which the parts showing it follow through <see cref="Follow{T}"/>.</summary>
public interface IFollowable<out T>
{
    T Current { get; }

    IDisposable Follow(Func<Task> changed);
}

/// <summary>
/// A value a page keeps that the few parts showing it follow and draw alone when it changes, without the page drawing
/// itself again (a take's notes as they arrive one by one).
/// </summary>
/// <param name="initial">The value before any change.</param>
/// <param name="tellAtMostEvery">
/// When changes pour in (a room posting dozens of notes a second), the followers are told of the first at once and of
/// the rest together at the end of this interval, so each open page draws a few times a second rather than once per
/// change. Zero tells of every change as it happens.
/// </param>
/// <param name="time">The clock the interval is measured on.</param>
public sealed class Followed<T>(T initial, TimeSpan tellAtMostEvery = default, TimeProvider? time = null) : IFollowable<T> where T : class
{
    private readonly Feed<T> _changed = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private long? _toldAt;
    private ITimer? _tellingLater;

    public T Current { get; private set; } = initial;

    public IDisposable Follow(Func<Task> changed) => _changed.Subscribe(_ => changed());

    /// <summary>Sets the value and tells the followers (now, or with the changes after it); the same value again tells nobody.</summary>
    public Task SetAsync(T value)
    {
        if (ReferenceEquals(value, Current))
            return Task.CompletedTask;
        Current = value;
        if (tellAtMostEvery <= TimeSpan.Zero)
            return _changed.PublishAsync(value);
        lock (_gate)
        {
            if (_tellingLater is not null)
                return Task.CompletedTask;
            var now = _time.GetTimestamp();
            if (_toldAt is { } toldAt && _time.GetElapsedTime(toldAt, now) is var since && since < tellAtMostEvery)
            {
                _tellingLater = _time.CreateTimer(_ => TellLater(), null, tellAtMostEvery - since, Timeout.InfiniteTimeSpan);
                return Task.CompletedTask;
            }
            _toldAt = now;
        }
        return _changed.PublishAsync(value);
    }

    private void TellLater()
    {
        lock (_gate)
        {
            _tellingLater?.Dispose();
            _tellingLater = null;
            _toldAt = _time.GetTimestamp();
        }
        // Followers draw on their own circuit's dispatcher (Follow's InvokeAsync); a follower that fails is the feed's to report.
        _ = _changed.PublishAsync(Current);
    }
}
