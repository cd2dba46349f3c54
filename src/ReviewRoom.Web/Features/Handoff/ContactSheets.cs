using System.Globalization;
using ReviewRoom.Core.Handoff;
using ReviewRoom.Core.Projects;
using ReviewRoom.Media;
using ReviewRoom.Web.Features.Media;

namespace ReviewRoom.Web.Features.Handoff;

/// <summary>
/// One picture of the cut: the middle frame of each shot's circled take, in shot order, four to a row, each labelled with
/// its shot, version and status. Made by ffmpeg from the same cached frames the reports use.
/// </summary>
public sealed class ContactSheets(HandoffReader reader, FrameExports frames, FfmpegTools ffmpeg)
{
    public const int TileWidth = 320;
    public const int PictureHeight = 180;
    public const int LabelHeight = 32;
    public const int Spacing = 8;
    public const int Columns = 4;

    /// <summary>
    /// The sheet as JPEG bytes, a tile per shot on the board (an empty one, saying so, where nothing is circled); null when
    /// the caller may not see the project, an empty array when the board has no shots.
    /// </summary>
    public async Task<byte[]?> MakeAsync(Actor actor, Guid projectId, CancellationToken ct)
    {
        if (await reader.CutAsync(actor, projectId, null, ct) is not { } cut)
            return null;
        if (cut.Shots.Count == 0)
            return [];
        var work = Path.Combine(Path.GetTempPath(), $"reviewroom-sheet-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var arguments = new List<string>();
            var filters = new List<string>();
            for (var i = 0; i < cut.Shots.Count; i++)
            {
                var shot = cut.Shots[i];
                string text;
                if (shot.Circled is { } take)
                {
                    var picture = await frames.ReportThumbnailAsync(take.TakeId, take.Rate, take.Width, take.Height, take.DurationFrames / 2, Guid.Empty, null, ct)
                        ?? throw new MediaToolException($"No picture of {take.Name}", "");
                    arguments.AddRange(["-i", picture]);
                    text = $"{take.Name} · {take.Status}";
                }
                else
                {
                    arguments.AddRange(["-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"color=c=0x2a2d33:s={TileWidth}x{PictureHeight}:d=1")]);
                    text = $"{shot.Code} · no take circled";
                }
                // Labels go through files, read literally: a shot's code is the team's text, never filter-graph syntax or a drawtext expansion.
                var label = Path.Combine(work, $"label-{i}.txt");
                await File.WriteAllTextAsync(label, HandoffText.OneLine(text, 60), ct);
                filters.Add(string.Create(CultureInfo.InvariantCulture,
                    $"[{i}:v]scale={TileWidth}:{PictureHeight}:force_original_aspect_ratio=decrease,pad={TileWidth}:{PictureHeight + LabelHeight}:(ow-iw)/2:0:color=0x121316,setsar=1,"
                    + $"format=yuv420p,drawtext=fontfile={ReportFonts.RegularFile}:textfile={label}:expansion=none:x=8:y={PictureHeight + 8}:fontsize=15:fontcolor=white[t{i}]"));
            }
            var columns = Math.Min(Columns, cut.Shots.Count);
            var rows = (cut.Shots.Count + columns - 1) / columns;
            var inputs = string.Concat(Enumerable.Range(0, cut.Shots.Count).Select(i => $"[t{i}]"));
            filters.Add(string.Create(CultureInfo.InvariantCulture,
                $"{inputs}concat=n={cut.Shots.Count}:v=1:a=0,tile={columns}x{rows}:padding={Spacing}:margin={Spacing}:color=0x121316"));
            var output = Path.Combine(work, "sheet.jpg");
            await ffmpeg.RunFfmpegAsync([.. arguments, "-filter_complex", string.Join(';', filters), "-frames:v", "1", "-q:v", "3", output], null, ct);
            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
