using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewRoom.Core.Rooms;
using ReviewRoom.Data.Queries;
using ReviewRoom.Data.Rooms;

namespace ReviewRoom.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database, the room-event outbox writer and the read queries.
    /// <paramref name="contentRoot"/> anchors a relative SQLite path so the app finds the same file
    /// whatever directory it was started from.
    /// </summary>
    public static IServiceCollection AddReviewRoomData(this IServiceCollection services, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => DatabaseProviders.All.Contains(o.Provider), $"Database:Provider must be one of: {string.Join(", ", DatabaseProviders.All)}.")
            .ValidateOnStart();

        services.AddPooledDbContextFactory<ReviewRoomDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            ConfigureProvider(options, database, contentRoot);
        });
        // Identity's stores want a scoped context; they get one from the same pool.
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContext());

        services.AddHostedService<DatabaseMigrator>();
        services.AddSingleton<SqliteCheckpointer>();
        services.AddHostedService(provider => provider.GetRequiredService<SqliteCheckpointer>());
        services.AddSingleton<IRoomEventBus>(provider =>
        {
            var logger = provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<InMemoryRoomEventBus>>();
            return new InMemoryRoomEventBus((ex, e) => Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, ex,
                "A subscriber to project {Project} failed on event {Sequence} ({Type}); the others received it", e.ProjectId, e.Sequence, e.Type));
        });
        services.AddSingleton<RoomWriter>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ProjectMembership>();
        services.AddSingleton<ProjectQueries>();
        services.AddSingleton<PlaylistQueries>();
        services.AddSingleton<ReviewLinkQueries>();
        services.AddSingleton<NoteQueries>();
        services.AddSingleton<GenerationQueries>();
        services.AddSingleton<MemberQueries>();
        services.AddSingleton<NotificationQueries>();
        services.AddSingleton<DecisionQueries>();
        services.AddSingleton<ActivityQueries>();
        services.AddSingleton<IngestQueries>();
        services.AddSingleton<IntegrationQueries>();
        return services;
    }

    public static void ConfigureProvider(DbContextOptionsBuilder options, DatabaseOptions database, string contentRoot)
    {
        switch (database.Provider)
        {
            case DatabaseProviders.Sqlite:
                options.UseSqlite(
                    ResolveSqlitePath(database.ConnectionString, contentRoot),
                    sqlite => sqlite.MigrationsAssembly(DatabaseProviders.SqliteMigrationsAssembly));
                options.AddInterceptors(new SqlitePragmaInterceptor());
                break;
            case DatabaseProviders.PostgreSql:
                options.UseNpgsql(database.ConnectionString, npgsql => npgsql.MigrationsAssembly(DatabaseProviders.PostgreSqlMigrationsAssembly));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{database.Provider}'.");
        }
    }

    /// <summary>Makes a relative Data Source absolute against the content root and creates its folder.</summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(source, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        return builder.ToString();
    }
}
