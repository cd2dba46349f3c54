namespace ReviewRoom.Web.Hosting;

/// <summary>
/// Where appsettings.json and the web root are: beside the app when it was published (dotnet publish puts
/// both there), otherwise the top of the repository it was built in, wherever it was started from.
/// </summary>
public static class ContentRoot
{
    public const string EnvironmentVariable = "REVIEWROOM_ROOT";

    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return Path.GetFullPath(configured);
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")))
            return AppContext.BaseDirectory;
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
