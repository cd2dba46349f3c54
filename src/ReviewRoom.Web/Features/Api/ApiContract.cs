using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ReviewRoom.Web.Features.Api;

/// <summary>
/// What each pipeline API operation answers, written once and put into the OpenAPI document: its operation
/// id, the success status and headers it really sends, and the problem-details errors it can give. The
/// minimal-API metadata alone cannot say that a tus PATCH answers 204 with Upload-Offset, or that every
/// operation can answer 401 and 429.
/// </summary>
internal static class ApiContract
{
    private sealed record Operation(string Id, string Success, string[] Errors, params string[] Headers)
    {
        /// <summary>Another success the operation answers with its own body (a 202 while a file is still being made).</summary>
        public string? AlsoSuccess { get; init; }
    }

    private static readonly string[] Read = ["401", "404", "429"];
    private static readonly string[] Write = ["400", "401", "403", "404", "422", "429"];

    private static readonly Dictionary<string, Operation> Operations = new()
    {
        ["GET api/v1/projects"] = new("listProjects", "200", ["401", "429"]),
        ["GET api/v1/projects/{projectId}/shots"] = new("listShots", "200", Read),
        ["POST api/v1/projects/{projectId}/shots"] = new("createShot", "201", Write, "Location"),
        ["GET api/v1/projects/{projectId}/shots/{shotId}/takes"] = new("listTakes", "200", Read),
        ["POST api/v1/projects/{projectId}/shots/{shotId}/takes"] = new("uploadTake", "202", [.. Write, "413", "415"], "Location"),
        ["GET api/v1/projects/{projectId}/shots/{shotId}/circled"] = new("getCircledTake", "200", Read),
        ["GET api/v1/projects/{projectId}/jobs/{jobId}"] = new("getIngestJob", "200", Read),
        ["GET api/v1/takes/{takeId}"] = new("getTake", "200", Read),
        ["GET api/v1/takes/{takeId}/notes"] = new("listNotes", "200", Read),
        ["GET api/v1/takes/{takeId}/decisions"] = new("getDecisions", "200", Read),
        ["GET api/v1/takes/{takeId}/files/{kind}"] = new("downloadTakeFile", "200", Read),
        ["GET api/v1/projects/{projectId}/notes.{format}"] = new("exportProjectNotes", "200", [.. Read, "400"]),
        ["GET api/v1/projects/{projectId}/shots/{shotId}/notes.{format}"] = new("exportShotNotes", "200", [.. Read, "400"]),
        ["GET api/v1/projects/{projectId}/playlists/{key}/notes.{format}"] = new("exportPlaylistNotes", "200", [.. Read, "400"]),
        ["GET api/v1/takes/{takeId}/notes.{format}"] = new("exportTakeNotes", "200", [.. Read, "400"]),
        ["GET api/v1/projects/{projectId}/cut.{format}"] = new("exportCut", "200", [.. Read, "400"]),
        ["GET api/v1/projects/{projectId}/report.pdf"] = new("exportReport", "200", [.. Read, "400", "503"]),
        ["GET api/v1/projects/{projectId}/contact-sheet.jpg"] = new("exportContactSheet", "200", [.. Read, "500", "503"]),
        ["GET api/v1/projects/{projectId}/assembly.mp4"] = new("exportAssemblyMovie", "200", [.. Read, "400", "409", "500"]) { AlsoSuccess = "202" },
        ["GET api/v1/projects/{projectId}/assembly-renders"] = new("listAssemblyMovies", "200", Read),
        ["GET api/v1/projects/{projectId}/assembly-renders/{renderId}/assembly.mp4"] = new("downloadAssemblyMovie", "200", [.. Read, "409", "500"]),
        ["GET api/v1/projects/{projectId}/generation-requests"] = new("listGenerationRequests", "200", [.. Read, "400"]),
        ["GET api/v1/projects/{projectId}/generation-requests/{requestId}"] = new("getGenerationRequest", "200", Read),
        ["POST api/v1/projects/{projectId}/generation-requests/{requestId}/claim"] = new("claimGenerationRequest", "200", [.. Write, "409"]),
        ["POST api/v1/projects/{projectId}/generation-requests/{requestId}/progress"] = new("reportGenerationProgress", "200", [.. Write, "409"]),
        ["POST api/v1/projects/{projectId}/generation-requests/{requestId}/fail"] = new("failGenerationRequest", "200", [.. Write, "409"]),
        ["GET api/v1/projects/{projectId}/model-report.csv"] = new("exportModelReport", "200", Read),
        ["POST api/v1/uploads"] = new("createUpload", "201", [.. Write, "412", "413"], "Location", "Tus-Resumable"),
        ["HEAD api/v1/uploads/{id}"] = new("getUploadOffset", "200", Read, "Upload-Offset", "Upload-Length", "Tus-Resumable"),
        ["PATCH api/v1/uploads/{id}"] = new("sendUploadBytes", "204", ["400", "401", "404", "409", "412", "415", "422", "423", "429"], "Upload-Offset", "Tus-Resumable"),
        ["DELETE api/v1/uploads/{id}"] = new("cancelUpload", "204", ["401", "404", "409", "429"], "Tus-Resumable"),
    };

    private static readonly Dictionary<string, string> HeaderDescriptions = new()
    {
        ["Location"] = "Where the created resource (or the ingest job to poll) is.",
        ["Upload-Offset"] = "How many bytes of the upload the server holds.",
        ["Upload-Length"] = "The upload's announced size in bytes.",
        ["Tus-Resumable"] = "The tus protocol version, 1.0.0.",
        ["Retry-After"] = "Seconds to wait before trying again.",
    };

    public static IReadOnlyCollection<string> OperationIds => Operations.Values.Select(o => o.Id).ToList();

    public static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(context.Description.RelativePath?.TrimEnd('/') ?? "", @"\{(?<name>\w+)(:[^}]*)?\}", "{${name}}", System.Text.RegularExpressions.RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
        var key = $"{context.Description.HttpMethod} {path}";
        if (!Operations.TryGetValue(key, out var contract))
            throw new InvalidOperationException($"The pipeline API operation '{key}' has no entry in {nameof(ApiContract)}; add one so the document says what it answers.");
        operation.OperationId = contract.Id;
        operation.Responses ??= new OpenApiResponses();
        var success = operation.Responses.TryGetValue(contract.Success, out var existing) && existing is OpenApiResponse known
            ? known
            : new OpenApiResponse { Description = contract.Success == "204" ? "Done; nothing in the body." : "Success." };
        foreach (var stale in operation.Responses.Keys.Where(k => k.StartsWith('2') && k != contract.Success && k != contract.AlsoSuccess).ToList())
            operation.Responses.Remove(stale);
        if (contract.AlsoSuccess is { } also && operation.Responses.TryGetValue(also, out var alsoResponse) && alsoResponse is OpenApiResponse accepted)
        {
            accepted.Description = "Still being made: the body says how far it has got; ask again after Retry-After seconds.";
            accepted.Headers ??= new Dictionary<string, IOpenApiHeader>();
            accepted.Headers["Retry-After"] = new OpenApiHeader { Description = HeaderDescriptions["Retry-After"], Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
        success.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var header in contract.Headers)
            success.Headers[header] = new OpenApiHeader { Description = HeaderDescriptions[header], Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        operation.Responses[contract.Success] = success;
        foreach (var status in contract.Errors)
        {
            var problem = new OpenApiResponse
            {
                Description = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)) + " (problem details)",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = ProblemSchema } },
            };
            if (status == "429")
                problem.Headers = new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = new OpenApiHeader { Description = HeaderDescriptions["Retry-After"], Schema = new OpenApiSchema { Type = JsonSchemaType.String } } };
            operation.Responses[status] = problem;
        }
    }

    private static readonly OpenApiSchema ProblemSchema = new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 7807 problem details; validation problems add 'errors', a message list per field.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } } },
        },
    };
}
