using System.Globalization;

namespace ReviewRoom.Core.Handoff;

/// <summary>The cut as a spreadsheet for the producer: a row per shot in cut order, with its circled take and what it cost.</summary>
public static class CutList
{
    public static byte[] ToCsv(HandoffCut cut)
    {
        var csv = new Csv("Shot", "Scene", "Circled take", "Version", "Model", "Frame rate", "Frames", "Duration", "Seconds", "Record in", "Record out",
            "Take credits", "Shot credits (all takes)", "Status", "Link");
        var clips = cut.Clips.ToDictionary(c => c.Take.ShotId);
        foreach (var shot in cut.Shots)
        {
            if (shot.Circled is not { } take)
            {
                csv.Row(shot.Code, shot.SceneLabel, "", "", "", "", "", "", "", "", "", "", Money(shot.CreditsSpent), "No take circled", "");
                continue;
            }
            var clip = clips[shot.ShotId];
            csv.Row(shot.Code, shot.SceneLabel, take.Name, take.VersionLabel, take.Generation.Model, take.Rate.ToDisplayString(),
                take.DurationFrames.ToString(CultureInfo.InvariantCulture), take.Duration.ToString(),
                (take.DurationFrames * (double)take.Rate.Denominator / take.Rate.Numerator).ToString("0.###", CultureInfo.InvariantCulture),
                Time.Timecode.FromFrame(clip.RecordIn, cut.Rate).ToString(), Time.Timecode.FromFrame(clip.RecordOut, cut.Rate).ToString(),
                Money(take.Generation.CreditsSpent), Money(shot.CreditsSpent), take.Status, take.Link);
        }
        return csv.ToBytes();
    }

    private static string Money(decimal credits) => credits.ToString("0.##", CultureInfo.InvariantCulture);
}
