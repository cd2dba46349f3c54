using System.ComponentModel.DataAnnotations;

namespace ReviewRoom.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (the default: one file, one machine) or "PostgreSql" (several nodes sharing one database).</summary>
    [Required]
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>
    /// For SQLite a relative Data Source is taken from the content root (the repository root); for PostgreSQL an Npgsql
    /// connection string ("Host=db;Database=reviewroom;Username=reviewroom;Password=...").
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/reviewroom.db";

    /// <summary>SQLite: how often the write-ahead log is copied into the database file, away from any commit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string SqliteMigrationsAssembly = "ReviewRoom.Migrations.Sqlite";
    public const string PostgreSql = "PostgreSql";
    public const string PostgreSqlMigrationsAssembly = "ReviewRoom.Migrations.PostgreSql";

    public static IReadOnlyList<string> All { get; } = [Sqlite, PostgreSql];
}
