namespace ReviewRoom.Web.Features.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seeds demo people and a demo project, and shows their sign-in on the sign-in page.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where the demo clips are, relative to the web root.</summary>
    public string ClipsFolder { get; set; } = "demo/clips";
}
