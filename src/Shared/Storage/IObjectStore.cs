namespace AkkaEtl.Storage;

/// <summary>
/// The storage the actors see: a flat namespace of keys ('/'-separated) under one root (a local folder or an S3
/// bucket and prefix). Writers produce a local file first and publish it, so that a reader never sees half an
/// object: a rename locally, a multipart upload on S3.
/// </summary>
public interface IObjectStore
{
    /// <summary>The root, as a user writes it (a folder or s3://bucket/prefix).</summary>
    string Root { get; }

    /// <summary>The full address of a key, for messages.</summary>
    string Describe(string key);

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, in key order, fetched page by page.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct = default);

    Task<ObjectInfo?> StatAsync(string key, CancellationToken ct = default);

    /// <summary>A forward-only stream over the object. Throws <see cref="ObjectNotFoundException"/>.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken ct = default);

    /// <summary>
    /// A local file with the object's content: the file itself for a local store, a downloaded copy otherwise
    /// (deleted when the lease is disposed).
    /// </summary>
    Task<LocalFileLease> FetchToLocalAsync(string key, string scratchDirectory, CancellationToken ct = default);

    /// <summary>Makes a finished local file the content of <paramref name="key"/>, atomically; the local file is consumed.</summary>
    Task PublishFileAsync(string localPath, string key, CancellationToken ct = default);

    /// <summary>Writes a small object atomically.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct = default);

    /// <summary>The whole content of a small object, or null if there is none.</summary>
    Task<byte[]?> TryGetAsync(string key, CancellationToken ct = default);

    /// <summary>Deletes the keys; missing keys are not an error.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default);

    /// <summary>A local folder for temporary files on the way into this store (same file system when local, so publishing is a rename).</summary>
    string ScratchDirectory { get; }
}

/// <summary>A local copy of an object; <see cref="IsTemporary"/> copies are deleted on dispose.</summary>
public sealed class LocalFileLease(string path, bool isTemporary) : IDisposable
{
    public string Path { get; } = path;
    public bool IsTemporary { get; } = isTemporary;

    public void Dispose()
    {
        if (IsTemporary) TryDelete(Path);
    }

    internal static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
