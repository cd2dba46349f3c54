using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Data;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Demo;

namespace ReviewRoom.IntegrationTests.Data;

public class DatabaseTests
{
    /// <summary>About the SQLite file itself; the PostgreSQL pass leaves it out (tests/run.sh filters on the trait).</summary>
    [Fact, Trait(TestDatabase.Trait, TestDatabase.SqliteFileOnly)]
    public async Task Startup_EmptyDatabaseFile_AppliesEveryMigrationAndUsesWal()
    {
        using var app = new ReviewRoomAppFactory(demo: false);
        using var client = app.CreateClient();

        (await client.GetAsync("/alive")).EnsureSuccessStatusCode();

        var factory = app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());

        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        foreach (var table in new[] { "Projects", "Shots", "Takes", "ProjectMembers", "RoomEvents", "AspNetUsers" })
            Assert.Equal(1L, await ScalarAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type='table' AND name='{table}'"));
    }

    /// <summary>The settings are made once per pooled connection, so they must still hold on every later use of it.</summary>
    [Fact, Trait(TestDatabase.Trait, TestDatabase.SqliteFileOnly)]
    public async Task EveryUseOfAPooledConnection_KeepsTheSettingsMadeWhenItOpened()
    {
        using var app = new ReviewRoomAppFactory(demo: false);
        app.CreateClient().Dispose();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>();

        for (var use = 0; use < 5; use++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            Assert.Equal(
                ("wal", 1L, 1L, 5000L),
                ((string)(await ScalarAsync(connection, "PRAGMA journal_mode"))!, (long)(await ScalarAsync(connection, "PRAGMA synchronous"))!,
                 (long)(await ScalarAsync(connection, "PRAGMA foreign_keys"))!, (long)(await ScalarAsync(connection, "PRAGMA busy_timeout"))!));
        }
    }

    /// <summary>
    /// A commit must not copy the log into the database file: the one that happened to fill it to 1,000 pages waited
    /// for the disk, and a note that commits in 2 ms took 10-15. The checkpointer copies it instead.
    /// </summary>
    [Fact, Trait(TestDatabase.Trait, TestDatabase.SqliteFileOnly)]
    public async Task ABigCommit_LeavesTheLogToTheCheckpointer_WhichCopiesItIntoTheFile()
    {
        using var app = new ReviewRoomAppFactory(demo: false, settings: new() { ["Database:CheckpointInterval"] = "01:00:00" });
        app.CreateClient().Dispose();
        var checkpointer = app.Services.GetRequiredService<SqliteCheckpointer>();
        var before = (await checkpointer.CheckpointAsync(CancellationToken.None), new FileInfo(app.DatabasePath).Length);

        await FillAsync(app, pages: 1500);

        Assert.True(new FileInfo(app.DatabasePath).Length < before.Length + 1_000_000, "the commit itself copied the log into the database file");
        var outcome = await checkpointer.CheckpointAsync(CancellationToken.None);
        Assert.True(outcome.LogPages >= 1500, $"the log held {outcome.LogPages} pages");
        Assert.Equal(outcome.LogPages, outcome.CopiedPages);
        Assert.True(new FileInfo(app.DatabasePath).Length > before.Length + 5_000_000);
    }

    [Fact, Trait(TestDatabase.Trait, TestDatabase.SqliteFileOnly)]
    public async Task TheCheckpointer_CopiesTheLogOnItsOwn()
    {
        using var app = new ReviewRoomAppFactory(demo: false, settings: new() { ["Database:CheckpointInterval"] = "00:00:00.100" });
        app.CreateClient().Dispose();
        var before = new FileInfo(app.DatabasePath).Length;

        await FillAsync(app, pages: 1500);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (new FileInfo(app.DatabasePath).Length < before + 5_000_000)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the log was not copied into the database file within 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>About <paramref name="pages"/> pages of 4 KB in one commit, through a connection set up as the app's are.</summary>
    private static async Task FillAsync(ReviewRoomAppFactory app, int pages)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE Filler (Bytes BLOB)");
        await db.Database.ExecuteSqlAsync(
            $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {pages}) INSERT INTO Filler SELECT randomblob(3500) FROM n");
    }

    [Fact]
    public async Task TheModel_HasNoChangeThatNoMigrationHolds()
    {
        using var app = new ReviewRoomAppFactory(demo: false);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();

        // A property added to an entity without "dotnet ef migrations add" would reach no database.
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no migration holds: add one with dotnet ef migrations add (see the README's Development section).");
    }

    [Fact]
    public async Task DemoSeed_SecondStartOnTheSameDatabase_AddsNothing()
    {
        var folder = ReviewRoomAppFactory.NewDataFolder();
        try
        {
            Dictionary<string, long> first;
            using (var app = new ReviewRoomAppFactory(folder))
            {
                app.CreateClient().Dispose();
                first = await CountRowsAsync(app);
            }

            Dictionary<string, long> second;
            using (var app = new ReviewRoomAppFactory(folder))
            {
                app.CreateClient().Dispose();
                second = await CountRowsAsync(app);
            }

            var takes = DemoProject.Shots.Sum(s => s.Takes.Count);
            Assert.Equal(1, first["Projects"]);
            Assert.Equal(DemoProject.Shots.Count, first["Shots"]);
            Assert.Equal(takes, first["Takes"]);
            Assert.Equal(DemoPeople.All.Count, first["AspNetUsers"]);
            Assert.Equal(DemoPeople.All.Count, first["ProjectMembers"]);
            // project.created + a member.added per person + a shot.added per shot + a take.ingested per take
            Assert.Equal(1 + DemoPeople.All.Count + DemoProject.Shots.Count + takes, first["RoomEvents"]);
            Assert.Equal(first, second);
        }
        finally
        {
            ReviewRoomAppFactory.DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task DemoSeed_TakesCarryTheProbedMediaOfTheirClips()
    {
        using var app = new ReviewRoomAppFactory();
        app.CreateClient().Dispose();

        var factory = app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var takes = await db.Takes.AsNoTracking().ToListAsync();

        // The clips cover the frame rates reviewers meet: film, PAL and drop-frame NTSC.
        var rates = takes.Select(t => t.FrameRate.ToString()).Distinct().Order().ToList();
        Assert.Contains("24000/1001", rates);
        Assert.Contains("30000/1001", rates);
        Assert.Contains("25", rates);
        Assert.All(takes, t => Assert.True(t.DurationFrames > 0 && t.Width == 640 && t.Height == 360));
        var sh010v1 = takes.Single(t => t.MediaPath == ReviewRoom.Web.Features.Demo.DemoProject.MediaPathOf("sh010_v001"));
        Assert.Equal(120, sh010v1.DurationFrames);
        Assert.True(sh010v1.HasAudio);
        Assert.All(takes, t => Assert.True(File.Exists(Path.Combine(app.MediaFolder, t.MediaPath))));
        Assert.All(takes, t => Assert.True(File.Exists(Path.Combine(app.MediaFolder, t.PosterPath!))));
    }

    private static async Task<Dictionary<string, long>> CountRowsAsync(ReviewRoomAppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return new Dictionary<string, long>
        {
            ["Projects"] = await db.Projects.LongCountAsync(),
            ["Shots"] = await db.Shots.IgnoreQueryFilters().LongCountAsync(),
            ["Takes"] = await db.Takes.IgnoreQueryFilters().LongCountAsync(),
            ["AspNetUsers"] = await db.Users.LongCountAsync(),
            ["ProjectMembers"] = await db.ProjectMembers.LongCountAsync(),
            ["RoomEvents"] = await db.RoomEvents.LongCountAsync(),
        };
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
