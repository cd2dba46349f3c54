using MudBlazor;

namespace ReviewRoom.Web.Components.Layout;

/// <summary>A dark theme: footage is judged against neutral grey, never against a white page.</summary>
public static class ReviewRoomTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteDark = new PaletteDark
        {
            Primary = "#f5a524",
            PrimaryContrastText = "#1a1200",
            Secondary = "#7aa2f7",
            Background = "#121316",
            Surface = "#1b1d22",
            AppbarBackground = "#16181c",
            AppbarText = "#e6e6e6",
            DrawerBackground = "#16181c",
            TextPrimary = "#e8e8ea",
            TextSecondary = "#a3a6ad",
            LinesDefault = "#2c2f36",
            Divider = "#2c2f36",
            Success = "#3ecf8e",
            Error = "#f26d6d",
            Warning = "#f5a524",
            Info = "#7aa2f7",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
