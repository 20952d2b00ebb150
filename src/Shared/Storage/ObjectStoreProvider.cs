using System.Collections.Concurrent;

namespace AkkaEtl.Storage;

/// <summary>Opens (and keeps) one store per location, so that work items that carry a location string share a client.</summary>
public class ObjectStoreProvider
{
    private readonly ConcurrentDictionary<string, IObjectStore> _stores = new(StringComparer.Ordinal);

    public IObjectStore Get(string location) => Get(StorageLocation.Parse(location));

    public IObjectStore Get(StorageLocation location) => _stores.GetOrAdd(location.Uri, _ => Create(location));

    protected virtual IObjectStore Create(StorageLocation location) =>
        location.IsS3
            ? throw new NotSupportedException($"{location}: S3 storage is not configured in this build")
            : new LocalObjectStore(location.Uri);
}
