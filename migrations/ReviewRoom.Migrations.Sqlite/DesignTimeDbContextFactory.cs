using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ReviewRoom.Data;

namespace ReviewRoom.Migrations.Sqlite;

/// <summary>
/// Lets `dotnet ef migrations add` build the model without starting the web app:
/// dotnet ef migrations add NAME --project migrations/ReviewRoom.Migrations.Sqlite
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ReviewRoomDbContext>
{
    public ReviewRoomDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ReviewRoomDbContext>();
        DataServiceCollectionExtensions.ConfigureProvider(
            options,
            new DatabaseOptions { Provider = DatabaseProviders.Sqlite, ConnectionString = "Data Source=design-time.db" },
            Path.GetTempPath());
        return new ReviewRoomDbContext(options.Options);
    }
}
