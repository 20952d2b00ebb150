using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;

namespace AkkaEtl.Storage;

/// <summary>
/// Opens <see cref="S3ObjectStore"/>s for s3:// locations and local stores otherwise. Stores with equal settings
/// share one S3 client; the clients are disposed with the provider.
/// </summary>
public sealed class S3ObjectStoreProvider : ObjectStoreProvider, IDisposable
{
    private readonly Func<StorageLocation, S3Settings> _settingsFor;
    private readonly AWSCredentials? _credentials;
    private readonly ConcurrentDictionary<S3Settings, Lazy<IAmazonS3>> _clients = new();

    /// <summary>Settings from the standard AWS environment variables; credentials from the SDK's default chain.</summary>
    public S3ObjectStoreProvider() : this(S3Settings.FromEnvironment()) { }

    /// <param name="credentials">null for the SDK's default chain (environment, profile, instance role); tests pass their own.</param>
    public S3ObjectStoreProvider(S3Settings settings, AWSCredentials? credentials = null) : this(_ => settings, credentials)
    {
        settings.Validate();
    }

    /// <param name="settingsFor">settings per location (a bucket in another region, say).</param>
    public S3ObjectStoreProvider(Func<StorageLocation, S3Settings> settingsFor, AWSCredentials? credentials = null)
    {
        _settingsFor = settingsFor;
        _credentials = credentials;
    }

    public IAmazonS3 ClientFor(S3Settings settings) =>
        _clients.GetOrAdd(settings, s => new Lazy<IAmazonS3>(() => S3ClientFactory.Create(s, _credentials))).Value;

    protected override IObjectStore Create(StorageLocation location)
    {
        if (!location.IsS3) return base.Create(location);
        var settings = _settingsFor(location);
        return new S3ObjectStore(ClientFor(settings), location, settings);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated)) client.Value.Dispose();
        _clients.Clear();
    }

    public override string ToString() => $"S3ObjectStoreProvider({_clients.Count} client(s))";
}
