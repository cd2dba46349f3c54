using Microsoft.Extensions.Options;

namespace ReviewRoom.Media;

/// <summary>
/// Where every take's media, proxies, posters, filmstrips, frame exports and assembly movies live. Paths in the
/// database are relative to the store, so the store can move (or be mounted elsewhere on each node) without a change
/// to the data. Every node of a cluster must see the same store: docs/scaling.md says how.
/// </summary>
public interface IMediaStore
{
    /// <summary>
    /// Where this node reads and writes the file at <paramref name="relativePath"/>, or null when the path would leave
    /// the store (a crafted "../" must never reach the rest of the disk). ffmpeg and the file endpoints work on it.
    /// </summary>
    string? Resolve(string relativePath);

    /// <summary>Copies a file into the store under <paramref name="relativePath"/>, replacing what was there; returns where it landed.</summary>
    Task<string> ImportAsync(string sourceFile, string relativePath, CancellationToken cancellationToken);
}

/// <summary>
/// The store as a folder (<c>Media:Folder</c>): a local disk for one node, or an NFS/SMB mount or cluster file system
/// that every node mounts.
/// </summary>
public sealed class LocalFolderMediaStore : IMediaStore
{
    private readonly string _root;

    public LocalFolderMediaStore(IOptions<MediaOptions> options, string contentRoot)
    {
        _root = Path.GetFullPath(options.Value.Folder, contentRoot);
        Directory.CreateDirectory(_root);
    }

    public string? Resolve(string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath))
            return null;
        var full = Path.GetFullPath(Path.Combine(_root, relativePath));
        return full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    public async Task<string> ImportAsync(string sourceFile, string relativePath, CancellationToken cancellationToken)
    {
        var target = Resolve(relativePath) ?? throw new ArgumentException($"'{relativePath}' is not a path inside the media store.", nameof(relativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Written beside and moved into place, so a reader (or another node) never sees half a file.
        var partial = target + ".partial";
        await using (var source = File.OpenRead(sourceFile))
        await using (var destination = File.Create(partial))
            await source.CopyToAsync(destination, cancellationToken);
        File.Move(partial, target, overwrite: true);
        return target;
    }
}

/// <summary>Where in the store each kind of file ReviewRoom makes itself is kept: one place, so the writer and the readers agree.</summary>
public static class MediaPaths
{
    /// <summary>Resumable uploads in progress: on the store, so any node can take the next chunk.</summary>
    public const string Uploads = "uploads";

    /// <summary>A movie's folder: its file, and while it is made, its pieces.</summary>
    public static string RenderFolder(Guid projectId, Guid renderId) => $"renders/{projectId:N}/{renderId:N}";

    public static string RenderMovie(Guid projectId, Guid renderId) => $"{RenderFolder(projectId, renderId)}/assembly.mp4";
}
