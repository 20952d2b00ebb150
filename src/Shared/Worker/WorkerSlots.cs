namespace AkkaEtl.Worker;

/// <summary>How many work items this node runs at once, whatever the number of entities sharding gives it.</summary>
public sealed class WorkerSlots(int capacity) : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(capacity, capacity);
    private int _running;

    public int Capacity { get; } = capacity;
    public int Running => Volatile.Read(ref _running);

    public async Task<IDisposable> AcquireAsync(CancellationToken ct)
    {
        await _semaphore.WaitAsync(ct);
        Interlocked.Increment(ref _running);
        return new Slot(this);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Slot(WorkerSlots owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            Interlocked.Decrement(ref owner._running);
            owner._semaphore.Release();
        }
    }
}
