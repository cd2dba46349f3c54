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
public sealed class Followed<T>(T initial) : IFollowable<T> where T : class
{
    private readonly Feed<T> _changed = new();

    public T Current { get; private set; } = initial;

    public IDisposable Follow(Func<Task> changed) => _changed.Subscribe(_ => changed());

    /// <summary>Sets the value and tells the followers; the same value again tells nobody.</summary>
    public Task SetAsync(T value)
    {
        if (ReferenceEquals(value, Current))
            return Task.CompletedTask;
        Current = value;
        return _changed.PublishAsync(value);
    }
}
