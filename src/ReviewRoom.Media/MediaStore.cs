using Microsoft.Extensions.Options;

namespace ReviewRoom.Media;

/// <summary>The folder that holds every take's media. Paths in the database are relative to it.</summary>
public sealed class MediaStore
{
    public MediaStore(IOptions<MediaOptions> options, string contentRoot)
    {
        Root = Path.GetFullPath(options.Value.Folder, contentRoot);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>
    /// The absolute path of a stored file, or null when the relative path would leave the store
    /// (a crafted "../" must never reach the rest of the disk).
    /// </summary>
    public string? Resolve(string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath) || Path.IsPathRooted(relativePath))
            return null;
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>Copies a file into the store under <paramref name="relativePath"/>, replacing what was there.</summary>
    public async Task<string> ImportAsync(string sourceFile, string relativePath, CancellationToken cancellationToken)
    {
        var target = Resolve(relativePath) ?? throw new ArgumentException($"'{relativePath}' is not a path inside the media store.", nameof(relativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        await using (var source = File.OpenRead(sourceFile))
        await using (var destination = File.Create(partial))
            await source.CopyToAsync(destination, cancellationToken);
        File.Move(partial, target, overwrite: true);
        return target;
    }
}
