using System.Collections.Concurrent;
using AkkaEtl.Common;
using AkkaEtl.Coordinator.Actors;
using AkkaEtl.Coordinator.Hosting;
using AkkaEtl.Coordinator.Query;
using AkkaEtl.Hosting;
using AkkaEtl.Messages;
using AkkaEtl.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkkaEtl.Tests.Support;

/// <summary>
/// A one-process cluster inside the test, over stores that count what is read: for tests that must observe the
/// pipeline's I/O, which a child process cannot show.
/// </summary>
public sealed class InProcessEtl : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessEtl(IHost host, CountingStores stores)
    {
        _host = host;
        Stores = stores;
    }

    public CountingStores Stores { get; }
    public IHost Host => _host;

    public static async Task<InProcessEtl> StartAsync(CoordinatorSettings? settings = null)
    {
        var stores = new CountingStores();
        var node = new EtlNodeOptions { Roles = [EtlNodeOptions.CoordinatorRole, EtlNodeOptions.WorkerRole] };
        settings ??= new CoordinatorSettings();
        var host = EtlNode.Build(node, stores, new WorkerOptions(), LogLevel.Warning, akka => akka.WithCoordinatorRole(settings, stores));
        await host.StartAsync();
        return new InProcessEtl(host, stores);
    }

    public async Task<DayStatus> RunDayAsync(string table, string day, RunOptions options)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var status = Assert.Single(await EtlRunner.RunAsync(_host, table, DayRange.Parse(day), options, null, cts.Token));
        Assert.True(status.State is DayState.Committed or DayState.Empty, $"{table} {day} is {status.State}: {status.Error}");
        return status;
    }

    public static async Task<List<object?[]>> QueryAsync(string warehouse, string sql)
    {
        var store = new LocalObjectStore(warehouse);
        using var db = await WarehouseSql.OpenAsync(store, new LocalPartitionFiles(store), null, CancellationToken.None);
        using var cmd = db.Command(sql);
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>Local stores that record every object opened for reading.</summary>
public sealed class CountingStores : ObjectStoreProvider
{
    public ConcurrentQueue<string> Reads { get; } = new();

    public IReadOnlyList<string> TakeReads()
    {
        var list = new List<string>();
        while (Reads.TryDequeue(out var k)) list.Add(k);
        return list;
    }

    protected override IObjectStore Create(StorageLocation location) => new Counting(new LocalObjectStore(location.Uri), Reads);

    private sealed class Counting(LocalObjectStore inner, ConcurrentQueue<string> reads) : IObjectStore
    {
        public string Root => inner.Root;
        public string ScratchDirectory => inner.ScratchDirectory;
        public string Describe(string key) => inner.Describe(key);
        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct = default) => inner.ListAsync(prefix, ct);
        public Task<ObjectInfo?> StatAsync(string key, CancellationToken ct = default) => inner.StatAsync(key, ct);

        public Task<Stream> OpenReadAsync(string key, CancellationToken ct = default)
        {
            reads.Enqueue(key);
            return inner.OpenReadAsync(key, ct);
        }

        public Task<LocalFileLease> FetchToLocalAsync(string key, string scratchDirectory, CancellationToken ct = default) => inner.FetchToLocalAsync(key, scratchDirectory, ct);
        public Task PublishFileAsync(string localPath, string key, CancellationToken ct = default) => inner.PublishFileAsync(localPath, key, ct);
        public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct = default) => inner.PutAsync(key, content, ct);
        public Task<byte[]?> TryGetAsync(string key, CancellationToken ct = default) => inner.TryGetAsync(key, ct);
        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default) => inner.DeleteAsync(keys, ct);
    }
}
