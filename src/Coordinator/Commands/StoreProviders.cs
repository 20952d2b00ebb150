using AkkaEtl.Storage;

using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>The object stores a command may open (local folders; S3 when configured).</summary>
public static class StoreProviders
{
    public static ObjectStoreProvider Create() => new();
}
