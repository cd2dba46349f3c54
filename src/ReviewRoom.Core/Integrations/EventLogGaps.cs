namespace ReviewRoom.Core.Integrations;

/// <summary>
/// How far a reader of the whole room-event log (ordered by id, across projects) may move its cursor. Ids are handed out
/// when an event is inserted; on a shared database two projects' writes commit side by side, so id 41 can become
/// visible after id 42, and a reader that moved past 42 would never read 41. The reader therefore stops before the first
/// id missing after its cursor, until that id has stayed missing for <paramref name="settle"/>: a write that rolled
/// back after its insert, or a project deleted with its unread events, leaves an id missing for good. With one writer at
/// a time (SQLite) ids become visible in order and a missing id is always one of those, so the settle time is zero.
/// <paramref name="passedOver"/> hears of each id read past after it stayed missing, for the reader's log.
/// </summary>
public sealed class EventLogGaps(TimeSpan settle, TimeProvider clock, Action<long>? passedOver = null)
{
    private long _missing = -1;
    private long _missingSince;

    /// <summary>The id a reader is waiting for, or null when its last read had no hole it must wait on.</summary>
    public long? WaitingFor { get; private set; }

    /// <summary>
    /// How many of <paramref name="orderedIds"/> (ascending, all after <paramref name="cursor"/>) may be read now: those
    /// before the first hole that has not settled yet.
    /// </summary>
    public int CountReadable(IReadOnlyList<long> orderedIds, long cursor)
    {
        WaitingFor = null;
        var expected = cursor + 1;
        for (var i = 0; i < orderedIds.Count; i++)
        {
            if (orderedIds[i] != expected && settle > TimeSpan.Zero)
            {
                if (!HasSettled(expected))
                {
                    WaitingFor = expected;
                    return i;
                }
                passedOver?.Invoke(expected);
            }
            expected = orderedIds[i] + 1;
        }
        return orderedIds.Count;
    }

    private bool HasSettled(long missingId)
    {
        var now = clock.GetTimestamp();
        if (_missing != missingId)
        {
            _missing = missingId;
            _missingSince = now;
        }
        return clock.GetElapsedTime(_missingSince, now) >= settle;
    }
}
