using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReviewRoom.Data;

/// <summary>
/// WAL lets readers run while one writer writes; synchronous=NORMAL is safe under WAL and keeps commits cheap.
/// wal_autocheckpoint=0 because otherwise the commit that fills the log to 1,000 pages copies it into the database file
/// and waits for the disk (10-15 ms on a note that normally commits in 2); <see cref="SqliteCheckpointer"/> does that
/// copying beside the writers instead. The settings are per connection (WAL persists, but setting it again costs
/// nothing), and made once per database connection, not on every open: Microsoft.Data.Sqlite keeps connections open in
/// its pool, and every command a note makes would otherwise pay five statements more.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=0;";

    // Keyed by the native connection the pool hands out again; an entry goes with its connection.
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection, out var handle))
            return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(handle);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection, out var handle))
            return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(handle);
    }

    private static bool NeedsPragmas(DbConnection connection, out object? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !Configured.TryGetValue(handle, out _);
    }

    private static void Remember(object? handle)
    {
        if (handle is not null)
            Configured.AddOrUpdate(handle, handle);
    }
}
