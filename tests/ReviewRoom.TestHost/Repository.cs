namespace ReviewRoom.TestHost;

/// <summary>The checkout the tests run from: files the tests compare against (README, scripts, wwwroot) are read from it.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string PathTo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "ReviewRoom.sln")))
                return folder.FullName;
        throw new InvalidOperationException("The tests run from inside a ReviewRoom checkout (no ReviewRoom.sln above the test binaries).");
    }
}
