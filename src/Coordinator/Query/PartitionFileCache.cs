using System.Security.Cryptography;
using System.Text;
using AkkaEtl.Catalog;
using AkkaEtl.Storage;

namespace AkkaEtl.Coordinator.Query;

/// <summary>
/// Brings a remote warehouse's files to a local cache for DuckDB (which has no S3 support here): one copy per object
/// version (ETag), kept across queries; a changed object is fetched again and its old copy removed. Paths keep the
/// key's folders, so day_partition=... still names the partition.
/// </summary>
public sealed class PartitionFileCache(IObjectStore store, string cacheDirectory) : IPartitionFiles
{
    private readonly string _root = Path.Combine(cacheDirectory, Digest(store.Root));

    public int Fetched { get; private set; }
    public int Reused { get; private set; }

    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable("AKKAETL_CACHE") is { Length: > 0 } dir ? dir
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "akkaetl");

    public async Task<string> LocalPathAsync(DataFileEntry file, CancellationToken ct)
    {
        var info = await store.StatAsync(file.Key, ct) ?? throw new ObjectNotFoundException(store.Describe(file.Key));
        var folder = Path.Combine(_root, Path.GetDirectoryName(file.Key.Replace('/', Path.DirectorySeparatorChar)) ?? "");
        var versionFolder = Path.Combine(folder, "etag-" + Digest(info.Version));
        var path = Path.Combine(versionFolder, Path.GetFileName(file.Key));
        if (File.Exists(path) && new FileInfo(path).Length == info.Size)
        {
            Reused++;
            return path;
        }
        Directory.CreateDirectory(versionFolder);
        using (var lease = await store.FetchToLocalAsync(file.Key, versionFolder, ct))
        {
            var temp = path + ".part";
            File.Copy(lease.Path, temp, overwrite: true);
            File.Move(temp, path, overwrite: true);
        }
        // Older versions of this object are of no further use.
        foreach (var stale in Directory.EnumerateDirectories(folder, "etag-*").Where(d => d != versionFolder))
        {
            var old = Path.Combine(stale, Path.GetFileName(file.Key));
            if (File.Exists(old)) File.Delete(old);
        }
        Fetched++;
        return path;
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
