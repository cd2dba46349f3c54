using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewRoom.Core.Integrations;
using ReviewRoom.Core.Projects;
using ReviewRoom.Data;
using ReviewRoom.TestHost;
using ReviewRoom.Web.Features.Account;
using ReviewRoom.Web.Features.Api;
using ReviewRoom.Web.Features.Demo;

namespace ReviewRoom.IntegrationTests;

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

    /// <summary>A project API token for the demo project, made by its director; the secret is what a pipeline holds.</summary>
    public async Task<(string Secret, Guid TokenId)> MakeTokenAsync(ApiTokenScope scope)
    {
        var (token, secret) = await App.Services.GetRequiredService<ApiTokenCommands>().CreateAsync(await MemberAsync(ProjectRole.Director), DemoProject.Id, $"pipeline {scope}", scope);
        return (secret, token.Id);
    }

    /// <summary>A client that sends <paramref name="secret"/> as its bearer token and no cookie.</summary>
    public HttpClient TokenClient(string secret)
    {
        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public async Task<HttpClient> ClientWithTokenAsync(ApiTokenScope scope) => TokenClient((await MakeTokenAsync(scope)).Secret);

    /// <summary>The demo project's first member with <paramref name="role"/>, as commands see a caller.</summary>
    public Task<Actor> MemberAsync(ProjectRole role) => App.DemoMemberAsync(role);

    /// <summary>A multipart take upload: the file under <paramref name="fileName"/> (the sample's own name by default) and optional generation JSON.</summary>
    public static MultipartFormDataContent TakeUpload(string sample, string? generation, string? fileName = null)
    {
        var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(IngestSamples.PathOf(sample)));
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(file, "file", fileName ?? sample);
        if (generation is not null)
            form.Add(new StringContent(generation), "generation");
        return form;
    }

    public void Dispose() => App.Dispose();
}
