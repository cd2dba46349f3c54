using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ReviewRoom.Data;

namespace ReviewRoom.Migrations.PostgreSql;

/// <summary>
/// Lets `dotnet ef migrations add` build the PostgreSQL model without a server or the web app:
/// dotnet ef migrations add NAME --project migrations/ReviewRoom.Migrations.PostgreSql
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ReviewRoomDbContext>
{
    public ReviewRoomDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ReviewRoomDbContext>();
        DataServiceCollectionExtensions.ConfigureProvider(
            options,
            new DatabaseOptions { Provider = DatabaseProviders.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=reviewroom_design_time" },
            Path.GetTempPath());
        return new ReviewRoomDbContext(options.Options);
    }
}
