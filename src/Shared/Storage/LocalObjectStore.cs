using System.Runtime.CompilerServices;

namespace AkkaEtl.Storage;

/// <summary>The embedded default: objects are files under a root folder; writes are a temp file and a rename.</summary>
public sealed class LocalObjectStore : IObjectStore
{
    private readonly string _root;

    public LocalObjectStore(string root)
    {
        _root = Path.GetFullPath(root);
        Root = root;
    }

    public string Root { get; }
    public string RootPath => _root;
    public string ScratchDirectory => Path.Combine(_root, "_tmp");

    public string Describe(string key) => PathOf(key);

    public string PathOf(string key)
    {
        if (key.Contains("..", StringComparison.Ordinal) && key.Split('/').Contains(".."))
            throw new ArgumentException($"key '{key}' leaves the store");
        return key.Length == 0 ? _root : Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // The folder part of the prefix is walked recursively; the rest filters names, as an S3 prefix would.
        var slash = prefix.LastIndexOf('/');
        var dirKey = slash < 0 ? "" : prefix[..slash];
        var dir = PathOf(dirKey);
        if (!Directory.Exists(dir)) yield break;
        var keys = new List<(string Key, FileInfo File)>();
        foreach (var file in new DirectoryInfo(dir).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden }))
        {
            var key = KeyOf(file.FullName);
            if (!key.StartsWith(prefix, StringComparison.Ordinal) || IsInternal(key)) continue;
            keys.Add((key, file));
        }
        keys.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (key, file) in keys)
        {
            ct.ThrowIfCancellationRequested();
            // A file deleted since the walk is not listed, as a listing made a moment later would not list it.
            ObjectInfo info;
            try { info = Info(key, file); }
            catch (FileNotFoundException) { continue; }
            yield return info;
        }
        await Task.CompletedTask;
    }

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken ct = default)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? Info(key, file) : null);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        try
        {
            Stream s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(s);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(path);
        }
    }

    public Task<LocalFileLease> FetchToLocalAsync(string key, string scratchDirectory, CancellationToken ct = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) throw new ObjectNotFoundException(path);
        return Task.FromResult(new LocalFileLease(path, isTemporary: false));
    }

    public Task PublishFileAsync(string localPath, string key, CancellationToken ct = default)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(localPath, target, overwrite: true);
        }
        catch (IOException) when (File.Exists(localPath))
        {
            // Another file system: copy next to the target, then rename, so the target is never half written.
            var temp = TempNextTo(target);
            File.Copy(localPath, temp, overwrite: true);
            File.Move(temp, target, overwrite: true);
            File.Delete(localPath);
        }
        return Task.CompletedTask;
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = TempNextTo(target);
        await using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 14, FileOptions.Asynchronous))
        {
            await fs.WriteAsync(content, ct);
            fs.Flush(flushToDisk: true);
        }
        File.Move(temp, target, overwrite: true);
    }

    public async Task<byte[]?> TryGetAsync(string key, CancellationToken ct = default)
    {
        try { return await File.ReadAllBytesAsync(PathOf(key), ct); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        foreach (var key in keys) LocalFileLease.TryDelete(PathOf(key));
        return Task.CompletedTask;
    }

    private string KeyOf(string fullPath) => Path.GetRelativePath(_root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    // Temp files start with a dot so listings skip them; _tmp holds scratch files.
    private static bool IsInternal(string key) =>
        key.StartsWith("_tmp/", StringComparison.Ordinal) || key.Split('/')[^1].StartsWith('.');

    private static string TempNextTo(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");

    private static ObjectInfo Info(string key, FileInfo file) =>
        new(key, file.Length, $"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}", new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
}
