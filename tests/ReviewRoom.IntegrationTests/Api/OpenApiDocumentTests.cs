using ReviewRoom.TestHost;
using System.Diagnostics;
using System.Text.Json;

namespace ReviewRoom.IntegrationTests.Api;

/// <summary>The pipeline API's OpenAPI document says what the server does, and a strict linter (Redocly CLI) finds no errors in it.</summary>
public sealed class OpenApiDocumentTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task Document_PassesRedoclyLintWithNoErrors()
    {
        var repository = Repository.Root;
        var cli = Path.Combine(repository, "tests", "tools", "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"Redocly CLI is missing at {cli}: run the README's test command (bash tests/run.sh), which installs it with npm.");
        var document = Path.Combine(fixture.App.DataFolder, "openapi.json");
        using (var client = fixture.App.CreateClient())
            await File.WriteAllTextAsync(document, await client.GetStringAsync("/api/v1/openapi.json"));

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(document)! };
        foreach (var argument in new[] { cli, "lint", document, "--format=stylish" })
            start.ArgumentList.Add(argument);
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var lint = Process.Start(start)!;
        var output = await lint.StandardOutput.ReadToEndAsync() + await lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(lint.ExitCode == 0, output);
        Assert.DoesNotContain(" error ", output);
    }

    [Fact]
    public async Task Document_NamesEveryOperation_AndSaysWhatEachAnswers()
    {
        using var client = fixture.App.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json"));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Key: $"{op.Name.ToUpperInvariant()} {path.Name}", Op: op.Value))).ToList();

        var ids = operations.Select(o => o.Op.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(operations, o => Assert.True(o.Op.GetProperty("responses").TryGetProperty("401", out var unauthorized)
            && unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{o.Key} documents no 401 problem"));
        var patch = operations.Single(o => o.Key == "PATCH /api/v1/uploads/{id}").Op.GetProperty("responses");
        Assert.True(patch.GetProperty("204").GetProperty("headers").TryGetProperty("Upload-Offset", out _));
        Assert.False(patch.TryGetProperty("200", out _));
        var create = operations.Single(o => o.Key == "POST /api/v1/uploads").Op.GetProperty("responses");
        Assert.True(create.GetProperty("201").GetProperty("headers").TryGetProperty("Location", out _));
        var upload = operations.Single(o => o.Key == "POST /api/v1/projects/{projectId}/shots/{shotId}/takes").Op;
        Assert.True(upload.GetProperty("responses").GetProperty("202").GetProperty("headers").TryGetProperty("Location", out _));
        Assert.True(upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
    }
}
