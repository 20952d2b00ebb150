using Akka.Hosting;
using AkkaEtl.Coordinator.Compaction;
using AkkaEtl.Storage;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.Compaction;

public sealed class BackgroundDeletionsTests : Akka.Hosting.TestKit.TestKit
{
    private readonly TempDir _dir = new("bgdelete");

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) { }

    [Fact]
    public async Task The_drain_waits_for_a_deletion_still_running_and_the_keys_are_gone_after_it()
    {
        var store = new LocalObjectStore(_dir.Path);
        var keys = Enumerable.Range(0, 5).Select(i => $"_staging/jobs/day_partition=2020-01-01/r1/part-{i:D5}.parquet").ToList();
        foreach (var key in keys) await store.PutAsync(key, new byte[1000]);
        await store.PutAsync("jobs/day_partition=2020-01-01/kept.parquet", new byte[10]);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deletions = BackgroundDeletions.Get(Sys);

        deletions.Delete(new DeletingStore(async k =>
        {
            await gate.Task;
            await store.DeleteAsync(k);
        }), keys, "the staging");
        var drain = deletions.DrainAsync();
        Assert.False(drain.IsCompleted);
        Assert.Equal(1, deletions.Pending);
        gate.SetResult();
        await drain;

        var left = new List<string>();
        await foreach (var o in store.ListAsync("")) left.Add(o.Key);
        Assert.Equal(["jobs/day_partition=2020-01-01/kept.parquet"], left);
        await AwaitConditionAsync(() => Task.FromResult(deletions.Pending == 0));
    }

    [Fact]
    public async Task A_failed_deletion_is_logged_and_does_not_hold_up_the_drain()
    {
        var deletions = BackgroundDeletions.Get(Sys);
        await EventFilter.Warning(contains: "deleting the staging of jobs 2020-01-01 failed").ExpectOneAsync(async () =>
        {
            deletions.Delete(new DeletingStore(_ => Task.FromException(new IOException("disk gone"))), ["a", "b"], "the staging of jobs 2020-01-01");
            await deletions.DrainAsync();
        });
    }

    /// <summary>A store that only deletes, with <paramref name="delete"/> (nothing else is called).</summary>
    private sealed class DeletingStore(Func<IReadOnlyCollection<string>, Task> delete) : IObjectStore
    {
        public string Root => "/nowhere";
        public string ScratchDirectory => "/nowhere/_tmp";
        public string Describe(string key) => key;
        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default) => delete(keys);
        public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ObjectInfo?> StatAsync(string key, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<Stream> OpenReadAsync(string key, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<LocalFileLease> FetchToLocalAsync(string key, string scratchDirectory, CancellationToken ct = default) => throw new NotSupportedException();
        public Task PublishFileAsync(string localPath, string key, CancellationToken ct = default) => throw new NotSupportedException();
        public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<byte[]?> TryGetAsync(string key, CancellationToken ct = default) => throw new NotSupportedException();
    }

    protected override async Task AfterAllAsync()
    {
        await base.AfterAllAsync();
        _dir.Dispose();
    }
}
