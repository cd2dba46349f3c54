using System.Collections.Concurrent;
using System.Text.Json;
using ReviewRoom.Media;

namespace ReviewRoom.Web.Features.Ingest;

/// <summary>What an unfinished upload is for; kept beside its bytes so it survives a restart.</summary>
public sealed record UploadInfo(
    string Id,
    long Length,
    Guid ProjectId,
    Guid ShotId,
    string FileName,
    string? GenerationJson,
    Guid? UserId,
    string? TokenName,
    DateTime CreatedAtUtc,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Set once the last byte arrived and the file went to ingest; the bytes are gone from here then.</summary>
    public Guid? JobId { get; init; }
}

/// <summary>
/// Unfinished resumable uploads on disk: the bytes so far in one file, what they are for in another.
/// The offset is the length of the bytes file, so it is right after a crash without bookkeeping.
/// </summary>
public sealed class UploadStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public UploadStore(IMediaStore media)
    {
        Folder = media.Resolve(MediaPaths.Uploads)!;
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public async Task<UploadInfo> CreateAsync(UploadInfo info, CancellationToken cancellationToken)
    {
        await WriteInfoAsync(info, cancellationToken);
        await using (File.Create(DataPath(info.Id))) { }
        return info;
    }

    /// <summary>
    /// Replaces the description in one step: requests read it without the upload's lock, and a plain
    /// overwrite lets one of them see an empty or half-written file between the truncate and the write.
    /// </summary>
    private async Task WriteInfoAsync(UploadInfo info, CancellationToken cancellationToken)
    {
        var draft = InfoPath(info.Id) + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(draft, JsonSerializer.Serialize(info, Json), cancellationToken);
        File.Move(draft, InfoPath(info.Id), overwrite: true);
    }

    public async Task<UploadInfo?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(id) || !File.Exists(InfoPath(id)))
            return null;
        return JsonSerializer.Deserialize<UploadInfo>(await File.ReadAllTextAsync(InfoPath(id), cancellationToken), Json);
    }

    public long OffsetOf(UploadInfo info) =>
        info.JobId is not null ? info.Length : File.Exists(DataPath(info.Id)) ? new FileInfo(DataPath(info.Id)).Length : 0;

    public string DataPath(string id) => Path.Combine(Folder, id + ".bin");

    /// <summary>One writer per upload: a client that retries while its first request is still arriving must wait its turn.</summary>
    public async Task<IDisposable?> TryLockAsync(string id, TimeSpan wait, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(wait, cancellationToken) ? new Releaser(gate) : null;
    }

    public void Delete(string id)
    {
        File.Delete(InfoPath(id));
        File.Delete(DataPath(id));
        _locks.TryRemove(id, out _);
    }

    /// <summary>
    /// The upload is complete and its bytes went to ingest. The description stays, marked with the job,
    /// so a client whose last response was lost learns the upload is done instead of starting again.
    /// </summary>
    public Task MarkHandedOverAsync(UploadInfo info, Guid jobId, CancellationToken cancellationToken) =>
        WriteInfoAsync(info with { JobId = jobId }, cancellationToken);

    /// <summary>Removes uploads nobody has added to since <paramref name="olderThanUtc"/>.</summary>
    public int DeleteAbandoned(DateTime olderThanUtc)
    {
        var removed = 0;
        foreach (var info in Directory.EnumerateFiles(Folder, "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(info);
            var data = DataPath(id);
            var lastTouched = File.Exists(data) ? File.GetLastWriteTimeUtc(data) : File.GetLastWriteTimeUtc(info);
            if (lastTouched < olderThanUtc)
            {
                Delete(id);
                removed++;
            }
        }
        return removed;
    }

    public static string NewId() => Guid.NewGuid().ToString("N");

    private static bool IsWellFormed(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private string InfoPath(string id) => Path.Combine(Folder, id + ".json");

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
