namespace ReviewRoom.Core.Rooms;

/// <summary>What an arriving event is to state that reflects a room up to some sequence.</summary>
public enum RoomStep
{
    /// <summary>The state already reflects it (it was read after the event was stored, or the event came twice).</summary>
    AlreadySeen,

    /// <summary>The very next event: applying it keeps the state exact.</summary>
    Next,

    /// <summary>Events before it never arrived: only reading the stored state again makes it exact.</summary>
    AfterAGap,
}

/// <summary>
/// Where a copy of a room's state stands in the project's gapless event sequence, so a page can apply events to it
/// one by one instead of reading everything again, and knows when it cannot.
/// </summary>
public sealed class RoomCursor
{
    /// <summary>The last event the state is known to reflect.</summary>
    public long AsOf { get; private set; }

    /// <summary>The state was read afresh: it reflects the room up to <paramref name="sequence"/> and nothing else is known.</summary>
    public void ReadAt(long sequence) => AsOf = sequence;

    /// <summary>The state was read again after an event: it reflects at least both.</summary>
    public void ReadAgainAt(long sequence) => AsOf = Math.Max(AsOf, sequence);

    public RoomStep Step(long sequence)
    {
        if (sequence <= AsOf)
            return RoomStep.AlreadySeen;
        var step = sequence == AsOf + 1 ? RoomStep.Next : RoomStep.AfterAGap;
        AsOf = sequence;
        return step;
    }
}
