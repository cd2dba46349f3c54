using System.Globalization;
using ReviewRoom.Core.Handoff;

namespace ReviewRoom.Media;

/// <summary>
/// Makes the assembly movie with ffmpeg: each circled take becomes a segment of exactly its frames at the movie's rate and
/// size (fitted and centred, its last frame held if a rate change leaves it a frame short) with exactly its sound (silence
/// where a take has none), then the segments are joined without re-encoding the picture. One take at a time keeps memory
/// flat however long the cut is, and the join cannot add or drop a frame at a cut.
/// </summary>
public sealed class AssemblyEncoder(FfmpegTools ffmpeg)
{
    /// <summary>
    /// Writes the movie to <paramref name="output"/>. <paramref name="takeFiles"/> are the takes' playable files, in the
    /// plan's order; <paramref name="workFolder"/> holds the segments and is left for the caller to remove.
    /// </summary>
    public async Task EncodeAsync(AssemblyPlan plan, IReadOnlyList<string> takeFiles, string workFolder, string output,
        Action<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        if (takeFiles.Count != plan.Segments.Count || plan.Segments.Count == 0)
            throw new ArgumentException("Give one file per segment of a plan that has segments.", nameof(takeFiles));
        Directory.CreateDirectory(workFolder);
        var rate = plan.FrameRate;
        var timescale = rate.Numerator.ToString(CultureInfo.InvariantCulture);
        var total = Math.Max(1, plan.TotalFrames);
        long done = 0;
        var list = new List<string>();
        for (var i = 0; i < plan.Segments.Count; i++)
        {
            var segment = plan.Segments[i];
            var stage = $"Rendering {segment.Name} ({i + 1} of {plan.Segments.Count})";
            var before = done;
            progress?.Invoke(new(stage, 0.95 * before / total));
            var name = $"segment-{i:D4}.mov";
            await ffmpeg.RunFfmpegAsync(SegmentArguments(plan, segment, takeFiles[i], Path.Combine(workFolder, name)),
                frame => progress?.Invoke(new(stage, 0.95 * (before + Math.Min(frame, segment.Frames)) / total)), cancellationToken);
            done += segment.Frames;
            list.Add($"file '{name}'");
        }

        progress?.Invoke(new("Joining the shots", 0.95));
        var listFile = Path.Combine(workFolder, "segments.txt");
        await File.WriteAllLinesAsync(listFile, list, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await ffmpeg.RunFfmpegAsync(
        [
            // The list and its segments are ReviewRoom's own, named plainly in the work folder: nothing else can be opened.
            "-protocol_whitelist", "file", "-f", "concat", "-safe", "1", "-i", listFile,
            "-map", "0:v:0", "-map", "0:a:0", "-c:v", "copy", "-c:a", "aac", "-b:a", "192k",
            "-video_track_timescale", timescale, "-timecode", plan.StartTimecode,
            "-metadata", "title=Assembly", "-movflags", "+faststart", output,
        ], frame => progress?.Invoke(new("Joining the shots", 0.95 + 0.05 * Math.Min(frame, total) / total)), cancellationToken);
        progress?.Invoke(new("Ready", 1));
    }

    private List<string> SegmentArguments(AssemblyPlan plan, AssemblySegment segment, string takeFile, string output)
    {
        var rate = plan.FrameRate;
        var gop = Math.Max(1, (int)Math.Ceiling(rate.FramesPerSecond / 2)).ToString(CultureInfo.InvariantCulture);
        var frames = segment.Frames.ToString(CultureInfo.InvariantCulture);
        var samples = segment.AudioSamples.ToString(CultureInfo.InvariantCulture);
        var sampleRate = AssemblyPlan.SampleRate.ToString(CultureInfo.InvariantCulture);
        var (w, h) = (plan.Width.ToString(CultureInfo.InvariantCulture), plan.Height.ToString(CultureInfo.InvariantCulture));
        // fps picks the source frame nearest each of the movie's frames (every frame, in order, when the rates agree);
        // tpad then trim make the count exact whatever the source's length.
        var picture = $"[0:v:0]setpts=PTS-STARTPTS,fps={rate},scale={w}:{h}:force_original_aspect_ratio=decrease,"
            + $"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p,tpad=stop=-1:stop_mode=clone,trim=end_frame={frames}[v]";
        var sound = segment.HasAudio
            ? $"[0:a:0]asetpts=PTS-STARTPTS,aresample={sampleRate},aformat=sample_fmts=s16:channel_layouts=stereo,apad,atrim=end_sample={samples}[a]"
            : $"[1:a]atrim=end_sample={samples}[a]";
        List<string> arguments = [.. ffmpeg.Input(takeFile)];
        if (!segment.HasAudio)
            arguments.AddRange(["-f", "lavfi", "-i", $"anullsrc=channel_layout=stereo:sample_rate={sampleRate}"]);
        arguments.AddRange(
        [
            "-filter_complex", $"{picture};{sound}", "-map", "[v]", "-map", "[a]",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-profile:v", "high",
            // No B-frames and a closed start: each segment decodes on its own, so the join can copy it untouched.
            "-bf", "0", "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
            "-fps_mode", "cfr", "-r", rate.ToString(), "-video_track_timescale", rate.Numerator.ToString(CultureInfo.InvariantCulture),
            "-c:a", "pcm_s16le", "-f", "mov", output,
        ]);
        return arguments;
    }
}
