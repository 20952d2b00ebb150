using AkkaEtl.Features;

namespace AkkaEtl.Glue;

/// <summary>What a registration changed in the catalog.</summary>
public enum GlueTableChange
{
    Unchanged,
    Created,
    Updated,
}

/// <summary>The outcome of <see cref="GlueTableRegistrar.RegisterAsync"/>.</summary>
public sealed record GlueRegistration(
    string Database,
    string Table,
    bool DatabaseCreated,
    GlueTableChange TableChange,
    IReadOnlyList<string> PartitionsCreated,
    IReadOnlyList<string> PartitionsRelocated);

/// <summary>
/// Makes the Glue catalog describe a warehouse table, like <c>awswrangler.s3.store_parquet_metadata</c>: the database
/// exists, the table exists with the current columns (created, or updated when they changed), and each given day is a
/// partition at <c>&lt;location&gt;day_partition=&lt;day&gt;/</c>. Idempotent and safe to run from several nodes:
/// what exists already is left alone, and "already exists" answers from a concurrent registration are not errors.
/// </summary>
public sealed class GlueTableRegistrar(GlueClient client)
{
    private readonly GlueClient _client = client ?? throw new ArgumentNullException(nameof(client));

    public async Task<GlueRegistration> RegisterAsync(
        string database, string table, string location, IReadOnlyList<ColumnSpec> columns, IEnumerable<string> days,
        CancellationToken ct = default)
    {
        var db = CatalogNames.Entity(database, "database");
        var definition = new GlueTableDefinition(table, location, columns);
        var wanted = PartitionDays.Normalize(days);

        var databaseCreated = await EnsureDatabaseAsync(db, ct).ConfigureAwait(false);
        var change = await EnsureTableAsync(db, definition, ct).ConfigureAwait(false);
        var (created, relocated) = await EnsurePartitionsAsync(db, definition, wanted, ct).ConfigureAwait(false);
        return new GlueRegistration(db, definition.Name, databaseCreated, change, created, relocated);
    }

    private async Task<bool> EnsureDatabaseAsync(string db, CancellationToken ct)
    {
        try
        {
            await _client.GetDatabaseAsync(db, ct).ConfigureAwait(false);
            return false;
        }
        catch (GlueException e) when (e.IsEntityNotFound)
        {
        }
        try
        {
            await _client.CreateDatabaseAsync(new GlueDatabaseInput { Name = db }, ct).ConfigureAwait(false);
            return true;
        }
        catch (GlueException e) when (e.IsAlreadyExists)
        {
            return false; // created meanwhile by another registration
        }
    }

    private async Task<GlueTableChange> EnsureTableAsync(string db, GlueTableDefinition definition, CancellationToken ct)
    {
        GlueTable existing;
        try
        {
            existing = await _client.GetTableAsync(db, definition.Name, ct).ConfigureAwait(false);
        }
        catch (GlueException e) when (e.IsEntityNotFound)
        {
            try
            {
                await _client.CreateTableAsync(db, definition.TableInput(), ct).ConfigureAwait(false);
                return GlueTableChange.Created;
            }
            catch (GlueException e2) when (e2.IsAlreadyExists)
            {
                existing = await _client.GetTableAsync(db, definition.Name, ct).ConfigureAwait(false);
            }
        }
        if (!definition.Differs(existing)) return GlueTableChange.Unchanged;
        await _client.UpdateTableAsync(db, definition.TableInput(existing), ct).ConfigureAwait(false);
        return GlueTableChange.Updated;
    }

    private async Task<(IReadOnlyList<string> Created, IReadOnlyList<string> Relocated)> EnsurePartitionsAsync(
        string db, GlueTableDefinition definition, IReadOnlyList<string> days, CancellationToken ct)
    {
        if (days.Count == 0) return ([], []);

        // One range query instead of one per day; days are yyyy-MM-dd, so text order is date order.
        var expression = $"{GlueTableDefinition.PartitionColumn} >= '{days[0]}' AND {GlueTableDefinition.PartitionColumn} <= '{days[^1]}'";
        var existing = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var p in await _client.GetPartitionsAsync(db, definition.Name, expression, ct).ConfigureAwait(false))
            if (p.Values.Count == 1) existing[p.Values[0]] = p.StorageDescriptor?.Location;

        var missing = days.Where(d => !existing.ContainsKey(d)).ToList();
        var moved = days.Where(d => existing.TryGetValue(d, out var loc) && !GlueTableDefinition.SameLocation(loc, definition.Location.Partition(d))).ToList();

        if (missing.Count > 0)
        {
            var result = await _client.BatchCreatePartitionAsync(db, definition.Name, missing.Select(definition.PartitionInput).ToList(), ct).ConfigureAwait(false);
            ThrowOnFailures("BatchCreatePartition", result);
            // Days another registration created meanwhile are there, but not by this call.
            var raced = result.AlreadyExisting.Where(e => e.PartitionValues.Count == 1).Select(e => e.PartitionValues[0]).ToHashSet(StringComparer.Ordinal);
            if (raced.Count > 0) missing = missing.Where(d => !raced.Contains(d)).ToList();
        }
        if (moved.Count > 0)
        {
            var updates = moved.Select(d => new GluePartitionUpdate([d], definition.PartitionInput(d))).ToList();
            var result = await _client.BatchUpdatePartitionAsync(db, definition.Name, updates, ct).ConfigureAwait(false);
            ThrowOnFailures("BatchUpdatePartition", result);
        }
        return (missing, moved);
    }

    private static void ThrowOnFailures(string operation, GlueBatchResult result)
    {
        if (result.Succeeded) return;
        var first = result.Failed[0];
        var days = string.Join(", ", result.Failed.Take(5).Select(f => string.Join('/', f.PartitionValues)));
        throw new GlueException(operation, first.ErrorDetail.ErrorCode ?? "PartitionError",
            $"{result.Failed.Count} of {result.Requested} partitions failed ({days}{(result.Failed.Count > 5 ? ", ..." : "")}): {first.ErrorDetail.ErrorMessage}");
    }
}
