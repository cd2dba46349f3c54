using ReviewRoom.Core.Time;
using ReviewRoom.Web.Features.Takes.Components;

namespace ReviewRoom.Web.Features.Compare;

/// <summary>One player of a group: the component once rendered, and the take it shows.</summary>
public sealed record GroupedPlayer(TakePlayer? Player, FrameRate Rate, long DurationFrames);

/// <summary>
/// Players that move as one (a comparison, a grid): the first leads and every other stands on the frame the lock
/// gives for the lead's frame (the same frame number, or the same moment when rates differ). The server drives them,
/// so one mapping decides where each take stands. A session drives only the lead; the others follow it from here.
/// </summary>
public sealed class PlayerGroup(Func<IReadOnlyList<GroupedPlayer>> players)
{
    private long[] _frames = [];

    /// <summary>
    /// The frame this group last sent the lead to, until the lead reports it: reports of the frames on the way (keys
    /// held down) must not pull the leader frame back, or presses faster than the player would be lost.
    /// </summary>
    private long? _leadHeadedFor;
    private long _leadHeadedAt;

    /// <summary>Long enough for a seek to land; a report after it that names another frame moved the lead from elsewhere.</summary>
    private static readonly TimeSpan SeekLands = TimeSpan.FromMilliseconds(750);

    public FrameLockMode Lock { get; set; } = FrameLockMode.ByFrame;

    public bool Playing { get; private set; }

    /// <summary>The lead's frame: what the shared scrubber and steps move.</summary>
    public long LeaderFrame { get; private set; }

    /// <summary>The frame each player last reported on screen, in group order.</summary>
    public long FrameOf(int index) => index < _frames.Length ? _frames[index] : 0;

    /// <summary>Where player <paramref name="index"/> belongs while the lead stands on <paramref name="leaderFrame"/>.</summary>
    public long Follow(int index, long leaderFrame)
    {
        var all = players();
        return index == 0 ? leaderFrame : FrameLock.Follow(leaderFrame, all[0].Rate, all[index].Rate, all[index].DurationFrames, Lock);
    }

    /// <summary>The lead frame that puts player <paramref name="index"/> on <paramref name="frame"/> (a note of that take, say).</summary>
    public long LeaderFrameFor(int index, long frame)
    {
        var all = players();
        return index == 0 ? frame : FrameLock.Follow(frame, all[index].Rate, all[0].Rate, all[0].DurationFrames, Lock);
    }

    public async Task SeekAsync(long leaderFrame)
    {
        var all = players();
        if (all.Count == 0)
            return;
        if (Playing)
            await PauseAllAsync();
        LeaderFrame = Math.Clamp(leaderFrame, 0, Math.Max(0, all[0].DurationFrames - 1));
        await AlignAsync();
    }

    public Task StepAsync(long frames) => SeekAsync(LeaderFrame + frames);

    public async Task TogglePlayAsync()
    {
        if (Playing)
        {
            await PauseAllAsync();
            await AlignAsync();
            return;
        }
        await AlignAsync();
        Playing = true;
        await Task.WhenAll(players().Where(p => p.Player is not null).Select(p => p.Player!.PlayAsync()));
    }

    /// <summary>Puts the lead on the leader frame and every other player where the lock says it belongs.</summary>
    public async Task AlignAsync()
    {
        var all = players();
        if (all.Count > 0 && LeaderFrame != FrameOf(0))
        {
            _leadHeadedFor = LeaderFrame;
            _leadHeadedAt = Environment.TickCount64;
        }
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Player is { } player)
                await player.SeekToFrameAsync(Follow(i, LeaderFrame));
        }
    }

    /// <summary>The others to where the lock now puts them against the lead, which stays where it is (a session may be driving it).</summary>
    public async Task AlignOthersAsync()
    {
        var all = players();
        for (var i = 1; i < all.Count; i++)
        {
            if (all[i].Player is { } player)
                await player.SeekToFrameAsync(Follow(i, FrameOf(0)));
        }
    }

    /// <summary>The lead started or stopped by something other than this group (a session): the others go with it.</summary>
    public async Task OnLeadPlayingAsync(bool playing)
    {
        if (playing == Playing)
            return;
        Playing = playing;
        var others = players().Skip(1).Where(p => p.Player is not null).Select(p => p.Player!);
        await Task.WhenAll(others.Select(p => playing ? p.PlayAsync() : p.PauseAsync()));
    }

    /// <summary>
    /// A player reported the frame on screen. When the lead moves, the others are pulled after it: at once when paused
    /// (a session moved it), and while playing only when two decoders drift more than two frames apart.
    /// </summary>
    public async Task OnFrameAsync(int index, long frame)
    {
        var all = players();
        if (_frames.Length != all.Count)
            Array.Resize(ref _frames, all.Count);
        if (index >= all.Count)
            return;
        _frames[index] = frame;
        if (index != 0)
            return;
        if (!Playing && _leadHeadedFor is { } headedFor)
        {
            var landed = frame == headedFor;
            if (landed || Environment.TickCount64 - _leadHeadedAt > SeekLands.TotalMilliseconds)
                _leadHeadedFor = null;
            if (landed || _leadHeadedFor is not null)
                return;
        }
        LeaderFrame = frame;
        for (var i = 1; i < all.Count; i++)
        {
            var expected = Follow(i, frame);
            var drift = Math.Abs(_frames[i] - expected);
            if (all[i].Player is { } player && (Playing ? drift > 2 : drift != 0))
                await player.SeekToFrameAsync(expected);
        }
    }

    private async Task PauseAllAsync()
    {
        Playing = false;
        _leadHeadedFor = null;
        var all = players();
        await Task.WhenAll(all.Where(p => p.Player is not null).Select(p => p.Player!.PauseAsync()));
        if (all.Count > 0 && all[0].Player is { } lead)
            LeaderFrame = lead.Frame;
    }
}
