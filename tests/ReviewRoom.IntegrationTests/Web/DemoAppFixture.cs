using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Data;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;

namespace ReviewRoom.IntegrationTests.Web;

/// <summary>One seeded demo app shared by a class's read-only tests (its own database file).</summary>
public sealed class DemoAppFixture : IDisposable
{
    private const string OutsiderEmail = "outsider@studio.test";
    private const string OutsiderPassword = "outsider-password";
    private readonly SemaphoreSlim _outsiderLock = new(1, 1);
    private bool _outsiderCreated;

    public DemoAppFixture()
    {
        App = new ReviewRoomAppFactory();
        App.CreateClient().Dispose();
    }

    public ReviewRoomAppFactory App { get; }

    public async Task<Guid> FirstTakeIdAsync()
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ReviewRoomDbContext>>().CreateDbContextAsync();
        return await db.Takes.Where(t => t.MediaPath == ReviewRoom.Web.Features.Demo.DemoProject.MediaPathOf("sh010_v001")).Select(t => t.Id).SingleAsync();
    }

    /// <summary>A client signed in as a person with an account who belongs to no project.</summary>
    public async Task<HttpClient> CreateOutsiderClientAsync()
    {
        await EnsureOutsiderAsync();
        return await App.CreateSignedInClientAsync(OutsiderEmail, OutsiderPassword);
    }

    private async Task EnsureOutsiderAsync()
    {
        await _outsiderLock.WaitAsync();
        try
        {
            if (_outsiderCreated)
                return;
            using var scope = App.Services.CreateScope();
            var (user, errors) = await scope.ServiceProvider.GetRequiredService<AccountService>()
                .CreateAsync("Olly Outsider", OutsiderEmail, OutsiderPassword, admin: false);
            Assert.True(user is not null, string.Join(" ", errors));
            _outsiderCreated = true;
        }
        finally
        {
            _outsiderLock.Release();
        }
    }

    public void Dispose() => App.Dispose();
}
