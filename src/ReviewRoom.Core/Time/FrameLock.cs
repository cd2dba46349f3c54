namespace ReviewRoom.Core.Time;

public enum FrameLockMode
{
    /// <summary>Same frame number on both sides: compares generations frame for frame.</summary>
    ByFrame,

    /// <summary>Same moment in time on both sides: right when the takes' frame rates differ.</summary>
    ByTimecode,
}

/// <summary>Where a second take should stand when the first stands on a given frame, in a locked compare.</summary>
public static class FrameLock
{
    public static long Follow(long leaderFrame, FrameRate leaderRate, FrameRate followerRate, long followerDurationFrames, FrameLockMode mode)
    {
        var frame = mode == FrameLockMode.ByFrame
            ? leaderFrame
            : followerRate.FrameAt(leaderRate.SecondsAtCentreOf(leaderFrame));
        return Math.Clamp(frame, 0, Math.Max(0, followerDurationFrames - 1));
    }
}
