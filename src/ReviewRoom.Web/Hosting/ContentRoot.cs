namespace ReviewRoom.Web.Hosting;

/// <summary>
/// ReviewRoom keeps its one configuration file and its web root at the top of the repository,
/// so the app looks for that folder wherever it was started from.
/// </summary>
public static class ContentRoot
{
    public const string EnvironmentVariable = "REVIEWROOM_ROOT";

    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return Path.GetFullPath(configured);
        return FindUpwards(AppContext.BaseDirectory) ?? FindUpwards(Directory.GetCurrentDirectory()) ?? AppContext.BaseDirectory;
    }

    private static string? FindUpwards(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReviewRoom.sln"))
                && File.Exists(Path.Combine(directory.FullName, "appsettings.json")))
                return directory.FullName;
        }
        return null;
    }
}
