using AkkaEtl.Storage;

using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>
/// The object stores a command may open: local folders, and S3 with settings from the standard AWS environment
/// (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, AWS_REGION) and credentials from the SDK's default chain.
/// </summary>
public static class StoreProviders
{
    public static ObjectStoreProvider Create() => new S3ObjectStoreProvider();
}
