using ReviewRoom.Core.Rooms;
using ReviewRoom.Core.Time;

namespace ReviewRoom.Web.Features.Takes.Components;

/// <summary>
/// Where a take page's player stands: the frame on screen and the marked in/out range. It moves many times a second
/// while playing, so the page does not draw itself again for it: the few parts that show it follow it through
/// <see cref="ReviewRoom.Web.Components.Follow{T}"/> and draw alone.
/// </summary>
public sealed class Playhead : ReviewRoom.Web.Components.IFollowable<Playhead>
{
    private readonly Feed<Playhead> _moved = new();

    public long Frame { get; private set; }

    public FrameRange? Range { get; private set; }

    /// <summary>Where a note written now goes: the marked range, or the frame on screen.</summary>
    public FrameRange Position => Range ?? FrameRange.At(Frame);

    public Playhead Current => this;

    public IDisposable Follow(Func<Task> changed) => _moved.Subscribe(_ => changed());

    public Task MoveToAsync(long frame) => frame == Frame ? Task.CompletedTask : ChangeAsync(() => Frame = frame);

    public Task MarkAsync(FrameRange? range) => range == Range ? Task.CompletedTask : ChangeAsync(() => Range = range);

    /// <summary>A new take on the same page starts at its first frame with nothing marked.</summary>
    public Task ResetAsync() => ChangeAsync(() =>
    {
        Frame = 0;
        Range = null;
    });

    private Task ChangeAsync(Action change)
    {
        change();
        return _moved.PublishAsync(this);
    }
}
