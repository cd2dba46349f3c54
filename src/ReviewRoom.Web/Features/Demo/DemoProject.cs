using ReviewRoom.Core.Projects;

namespace ReviewRoom.Web.Features.Demo;

public sealed record DemoTake(
    string Clip,
    string Model,
    string Prompt,
    string? NegativePrompt,
    long Seed,
    string ParametersJson,
    int? ParentVersion,
    TakeRelation Relation,
    decimal Credits,
    ProjectRole MadeBy,
    int HoursAgo);

public sealed record DemoShot(string Code, string SceneLabel, string Description, IReadOnlyList<DemoTake> Takes);

/// <summary>The demo room's content. Clips are made by src/ReviewRoom.Media/scripts/make-demo-clips.sh.</summary>
public static class DemoProject
{
    /// <summary>Where a demo clip lives in the media store: a folder of its own, beside its poster and filmstrip.</summary>
    public static string MediaPathOf(string clip) => $"demo/{clip}/{clip}.mp4";

    public static readonly Guid Id = new("5e1f0a3c-7d0b-4c1e-9a51-0d3e6b8f2a10");
    public const string Name = "Night Market";
    public const string Description = "Short film, 4 shots. A courier crosses a night market at dawn to deliver a lantern. Pick one take per shot for the Friday cut.";

    private const string Neg = "blurry, extra fingers, text artifacts, warped faces, flicker";

    public static IReadOnlyList<DemoShot> Shots { get; } =
    [
        new("SH010", "SC 01 · Rooftop", "Establishing: courier on a rooftop at dawn, city below, slow push in.",
        [
            new("sh010_v001", "Veo 3", "Wide establishing shot, a courier in a yellow raincoat stands on a wet rooftop at dawn, neon signs fading below, slow dolly push in, anamorphic, 35mm film grain", Neg, 1847263, """{"duration_s":5,"aspect":"16:9","guidance":7.5,"camera":"dolly_in"}""", null, TakeRelation.Original, 40m, ProjectRole.VfxLead, 52),
            new("sh010_v002", "Veo 3", "Wide establishing shot, a courier in a yellow raincoat stands on a wet rooftop at dawn, neon signs fading below, slow dolly push in, anamorphic, 35mm film grain", Neg, 90211734, """{"duration_s":5,"aspect":"16:9","guidance":7.5,"camera":"dolly_in"}""", 1, TakeRelation.ReRoll, 40m, ProjectRole.VfxLead, 50),
            new("sh010_v003", "Veo 3", "Continue the push in until the courier turns toward camera, lantern glowing in hand", Neg, 90211734, """{"duration_s":2,"aspect":"16:9","guidance":7.5,"extend_from_frame":"last"}""", 2, TakeRelation.Extend, 16m, ProjectRole.VfxLead, 30),
        ]),
        new("SH020", "SC 02 · Market", "Chase through the market stalls, handheld, steam and lanterns.",
        [
            new("sh020_v001", "Runway Gen-4", "Handheld tracking shot following a courier running between crowded night market stalls, steam, hanging paper lanterns, motion blur", Neg, 5520193, """{"duration_s":4,"motion":0.8,"style":"cinematic"}""", null, TakeRelation.Original, 25m, ProjectRole.Writer, 47),
            new("sh020_v002", "Runway Gen-4", "Handheld tracking shot following a courier running between crowded night market stalls, steam, red paper lanterns, a vendor shouts, motion blur", Neg, 5520193, """{"duration_s":4,"motion":0.9,"style":"cinematic"}""", 1, TakeRelation.Variation, 25m, ProjectRole.Writer, 45),
            new("sh020_v003", "Runway Gen-4", "Handheld tracking shot following a courier running between crowded night market stalls, steam, red paper lanterns, a vendor shouts, motion blur", Neg, 771902, """{"duration_s":4,"motion":0.9,"style":"cinematic"}""", 2, TakeRelation.ReRoll, 25m, ProjectRole.VfxLead, 20),
        ]),
        new("SH030", "SC 03 · Harbour", "The lighthouse keeper receives the lantern. Locked off, golden hour.",
        [
            new("sh030_v001", "Kling 2.1", "Locked-off medium shot, an old lighthouse keeper opens a wooden door and takes a glowing lantern from the courier, golden hour backlight, sea spray", Neg, 3141592, """{"duration_s":5,"cfg_scale":0.5,"mode":"pro"}""", null, TakeRelation.Original, 35m, ProjectRole.VfxLead, 28),
            new("sh030_v002", "Kling 2.1", "Locked-off medium shot, an old lighthouse keeper smiles, opens a wooden door and takes a glowing lantern from the courier, warmer golden hour backlight, sea spray", Neg, 3141593, """{"duration_s":5,"cfg_scale":0.6,"mode":"pro"}""", 1, TakeRelation.Variation, 35m, ProjectRole.Director, 6),
        ]),
        new("SH040", "SC 04 · Title", "End title over the lantern light.",
        [
            new("sh040_v001", "Wan 2.2 (local)", "Macro shot of a paper lantern flame flickering, dark background, shallow depth of field, room for a title", null, 42, """{"duration_s":3,"steps":30,"sampler":"unipc","resolution":"640x360"}""", null, TakeRelation.Original, 0m, ProjectRole.VfxLead, 12),
            new("sh040_v002", "Wan 2.2 (local)", "Macro shot of a paper lantern flame flickering, dark background, shallow depth of field, room for a title", null, 1337, """{"duration_s":3,"steps":30,"sampler":"unipc","resolution":"640x360"}""", 1, TakeRelation.ReRoll, 0m, ProjectRole.VfxLead, 11),
        ]),
    ];
}
