namespace ReviewRoom.Data.Identity;

/// <summary>A setting an administrator changes in the app (not in appsettings.json), kept by name.</summary>
public sealed class SiteSetting
{
    public required string Key { get; init; }
    public required string Value { get; set; }
}
