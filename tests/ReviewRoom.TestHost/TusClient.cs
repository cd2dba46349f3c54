using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ReviewRoom.TestHost;

/// <summary>A plain tus 1.0 client, written from the protocol, to check the server from outside.</summary>
public sealed class TusClient(HttpClient http)
{
    public const string UploadsPath = "/api/v1/uploads";

    public async Task<HttpResponseMessage> CreateAsync(long length, IReadOnlyDictionary<string, string> metadata)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadsPath);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", string.Join(",", metadata.Select(m => $"{m.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(m.Value))}")));
        return await http.SendAsync(request);
    }

    public async Task<Uri> CreateOrThrowAsync(long length, IReadOnlyDictionary<string, string> metadata)
    {
        using var response = await CreateAsync(length, metadata);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Creating the upload failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!;
    }

    public async Task<HttpResponseMessage> PatchAsync(Uri upload, long offset, ReadOnlyMemory<byte> bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, upload);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Content = new ReadOnlyMemoryContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return await http.SendAsync(request);
    }

    public async Task<long?> OffsetAsync(Uri upload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, upload);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode && response.Headers.TryGetValues("Upload-Offset", out var values)
            ? long.Parse(values.Single(), CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>Uploads a whole file in one PATCH; returns the ingest job id the server answered with.</summary>
    public async Task<Guid> UploadAsync(string file, IReadOnlyDictionary<string, string> metadata)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        var upload = await CreateOrThrowAsync(bytes.Length, metadata);
        using var response = await PatchAsync(upload, 0, bytes);
        return JobOf(response);
    }

    public static Guid JobOf(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NoContent && response.Headers.TryGetValues("ReviewRoom-Ingest-Job", out var values)
            ? Guid.Parse(values.Single())
            : throw new InvalidOperationException($"The last PATCH did not hand the file to ingest: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
}
