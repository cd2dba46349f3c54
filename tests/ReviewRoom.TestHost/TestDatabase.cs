using System.Diagnostics;
using System.Globalization;
using Npgsql;
using ReviewRoom.Data;

namespace ReviewRoom.TestHost;

/// <summary>
/// Which database the tests' apps run on: SQLite files by default, or with REVIEWROOM_TEST_DATABASE=PostgreSql a real
/// PostgreSQL server this test process starts for itself (a throw-away cluster in a temp folder, from Debian's binaries),
/// with a database of its own for each app's data folder.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "REVIEWROOM_TEST_DATABASE";

    /// <summary>The trait that marks a test of the SQLite file itself (its journal mode, its tables read raw).</summary>
    public const string Trait = "Database";
    public const string SqliteFileOnly = "SqliteFileOnly";

    /// <summary>The trait value of a test that puts its nodes on PostgreSQL whatever the run uses: the PostgreSQL pass need not run it again.</summary>
    public const string AlwaysPostgreSql = "AlwaysPostgreSql";

    public static string Provider { get; } =
        string.Equals(Environment.GetEnvironmentVariable(Variable), DatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase)
            ? DatabaseProviders.PostgreSql
            : DatabaseProviders.Sqlite;

    public static bool IsPostgreSql => Provider == DatabaseProviders.PostgreSql;

    private static readonly Lazy<PostgresCluster> Cluster = new(PostgresCluster.Start);

    /// <summary>
    /// Settings that put the app whose files live in <paramref name="dataFolder"/> on PostgreSQL whichever database the run
    /// uses: for tests of what only a database shared by several nodes does.
    /// </summary>
    public static Dictionary<string, string> SharedPostgreSqlFor(string dataFolder) => new()
    {
        ["Database:Provider"] = DatabaseProviders.PostgreSql,
        ["Database:ConnectionString"] = Cluster.Value.DatabaseFor(dataFolder),
    };

    /// <summary>
    /// The database of the app whose files live in <paramref name="dataFolder"/>, opened with no app running: for a test
    /// that sets up what a stopped node left behind.
    /// </summary>
    public static ReviewRoomDbContext OpenOffline(string dataFolder)
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<ReviewRoomDbContext>();
        DataServiceCollectionExtensions.ConfigureProvider(options, new DatabaseOptions { Provider = Provider, ConnectionString = ConnectionStringFor(dataFolder) }, dataFolder);
        return new ReviewRoomDbContext(options.Options);
    }

    /// <summary>The connection string for the app whose files live in <paramref name="dataFolder"/>; apps sharing a folder share a database.</summary>
    public static string ConnectionStringFor(string dataFolder) => IsPostgreSql
        ? Cluster.Value.DatabaseFor(dataFolder)
        : $"Data Source={Path.Combine(dataFolder, "reviewroom.db")}";
}

/// <summary>A PostgreSQL server on a free loopback port, its files in a temp folder, stopped when the test process ends.</summary>
internal sealed class PostgresCluster
{
    private readonly string _folder;
    private readonly int _port;
    private readonly HashSet<string> _created = [];

    private PostgresCluster(string folder, int port)
    {
        _folder = folder;
        _port = port;
    }

    public static PostgresCluster Start()
    {
        var bin = FindBinaries();
        // PostgreSQL refuses to run as root: as root, hand the folder to the postgres account and run as it.
        var asRoot = Environment.UserName == "root";
        StopAbandoned(bin, asRoot);
        var folder = Path.Combine(Root, $"postgres-{Environment.ProcessId}");
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        if (asRoot)
            Run("chown", ["postgres", folder], asRoot: false);
        var port = ReviewRoomAppFactory.FreePort();
        Run(Path.Combine(bin, "initdb"), ["-D", Path.Combine(folder, "data"), "-A", "trust", "-U", "reviewroom", "-E", "UTF8", "--no-sync"], asRoot);
        Run(Path.Combine(bin, "pg_ctl"),
        [
            "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-w", "start",
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"),
        ], asRoot);
        var cluster = new PostgresCluster(folder, port);
        var stop = $"{Path.Combine(bin, "pg_ctl")} -D {AfterThisProcess.Quoted(Path.Combine(folder, "data"))} -m immediate stop";
        AfterThisProcess.Run($"{(asRoot ? "runuser -u postgres -- " : "")}{stop}; rm -rf {AfterThisProcess.Quoted(folder)}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            try { Run(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "stop"], asRoot); }
            catch (InvalidOperationException) { }
            ReviewRoomAppFactory.DeleteFolder(folder);
        };
        return cluster;
    }

    private static string Root => Path.Combine(Path.GetTempPath(), "reviewroom-tests");

    /// <summary>
    /// A test process that was killed (a test host stopped hard, a cancelled run) cannot stop its server: the next one
    /// does, and removes its files.
    /// </summary>
    private static void StopAbandoned(string bin, bool asRoot)
    {
        if (!Directory.Exists(Root))
            return;
        foreach (var folder in Directory.GetDirectories(Root, "postgres-*"))
        {
            if (!int.TryParse(Path.GetFileName(folder)["postgres-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var owner) || IsAlive(owner))
                continue;
            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try { Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asRoot); }
                catch (InvalidOperationException) { }
            }
            ReviewRoomAppFactory.DeleteFolder(folder);
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public string DatabaseFor(string dataFolder)
    {
        var name = "rr_" + Path.GetFileName(dataFolder.TrimEnd(Path.DirectorySeparatorChar)).Replace('-', '_').ToLowerInvariant();
        lock (_created)
        {
            if (_created.Add(name))
            {
                using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                connection.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                create.ExecuteNonQuery();
            }
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={_port};Database={database};Username=reviewroom;Maximum Pool Size=40;Include Error Detail=true");

    private static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [];
        return versions.Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL's server programs are missing. Install them as root with: apt-get update && apt-get install -y postgresql");
    }

    private static void Run(string tool, IReadOnlyList<string> arguments, bool asRoot)
    {
        var start = asRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(tool);
        if (asRoot)
            foreach (var argument in new[] { "-u", "postgres", "--", tool })
                start.ArgumentList.Add(argument);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} could not be started.");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(tool)} failed (exit {process.ExitCode}): {errors.Result}");
    }
}
