using AkkaEtl.Coordinator.Query;
using AkkaEtl.Storage;

namespace AkkaEtl.Coordinator.Api;

/// <summary>The warehouse this node serves the catalog and SQL of, and how its files reach DuckDB.</summary>
public sealed record WarehouseAccess(IObjectStore Store, IPartitionFiles Files, string Location);
