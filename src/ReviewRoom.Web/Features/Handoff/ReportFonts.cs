using PdfSharp.Fonts;

namespace ReviewRoom.Web.Features.Handoff;

/// <summary>
/// The typeface of PDF reports, from the machine's own fonts: DejaVu Sans (Debian's fonts-dejavu-core, which the run and
/// test scripts install), or Liberation Sans. PDFsharp's Core build has no fonts of its own on Linux.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "ReviewRoom Sans";

    private static readonly string[][] Candidates =
    [
        ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
        ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
    ];

    private static readonly Lock Gate = new();

    /// <summary>The regular face's file, for ffmpeg's drawtext; set once <see cref="EnsureInstalled"/> has found one.</summary>
    public static string RegularFile => (GlobalFontSettings.FontResolver as ReportFonts)?._files[0] ?? Candidates[0][0];
    private readonly string[] _files;

    private ReportFonts(string[] files) => _files = files;

    /// <summary>Installs the resolver once per process; false (with nothing installed) when the machine has neither font.</summary>
    public static bool EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is ReportFonts)
                return true;
            if (Candidates.FirstOrDefault(pair => pair.All(File.Exists)) is not { } files)
                return false;
            GlobalFontSettings.FontResolver = new ReportFonts(files);
            return true;
        }
    }

    public static string MissingMessage => "PDF reports need a font on the server: install it as root with 'apt-get install -y fonts-dejavu-core'.";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "bold" : "regular", false, italic);

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(faceName == "bold" ? _files[1] : _files[0]);
}
