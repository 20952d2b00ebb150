using Akka;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace AkkaEtl.Hosting;

/// <summary>
/// Joins the cluster through discovered seeds: looks them up (with backoff until at least one is found), hands them to
/// <see cref="Cluster.JoinSeedNodes"/> (a node that is first in the list forms the cluster if no other seed answers),
/// and looks again if the node is still not up after <see cref="RejoinAfter"/> (seeds may have been replaced).
/// </summary>
public sealed class SeedDiscoveryJoin
{
    private readonly ActorSystem _system;
    private readonly ISeedDiscovery _discovery;
    private readonly ILoggingAdapter _log;

    private SeedDiscoveryJoin(ActorSystem system, ISeedDiscovery discovery)
    {
        _system = system;
        _discovery = discovery;
        _log = Logging.GetLogger(system, typeof(SeedDiscoveryJoin));
    }

    public static TimeSpan FirstBackoff { get; } = TimeSpan.FromSeconds(1);
    public static TimeSpan MaxBackoff { get; } = TimeSpan.FromSeconds(30);
    public static TimeSpan RejoinAfter { get; } = TimeSpan.FromSeconds(60);

    /// <summary>Starts in the background; stops when the node is up or the actor system shuts down, and disposes the discovery.</summary>
    public static void Start(ActorSystem system, ISeedDiscovery discovery)
    {
        var join = new SeedDiscoveryJoin(system, discovery);
        var stop = new CancellationTokenSource();
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "stop-seed-discovery", () =>
        {
            stop.Cancel();
            return Task.FromResult(Done.Instance);
        });
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        _ = Task.Run(async () =>
        {
            try { await join.RunAsync(up.Task, stop.Token); }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) { join._log.Error(e, "seed discovery stopped: {0}", e.Message); }
            finally
            {
                discovery.Dispose();
                stop.Dispose();
            }
        });
    }

    private async Task RunAsync(Task up, CancellationToken ct)
    {
        var cluster = Cluster.Get(_system);
        var self = cluster.SelfAddress;
        while (!up.IsCompleted)
        {
            var seeds = await DiscoverUntilFoundAsync(ct);
            var addresses = seeds.Select(s => ToAddress(self, s)).ToList();
            var role = addresses[0].Equals(self) ? "this node is the first seed: it forms the cluster if no other seed answers"
                : addresses.Contains(self) ? "this node is a seed" : "joining";
            _log.Info("seeds from {0}: {1}; {2}", _discovery, string.Join(", ", seeds), role);
            cluster.JoinSeedNodes(addresses);
            if (await Task.WhenAny(up, Task.Delay(RejoinAfter, ct)) != up)
                _log.Warning("not up {0} after joining seeds {1}: looking them up again", RejoinAfter, string.Join(", ", seeds));
        }
        _log.Info("member up; seed discovery done");
    }

    private async Task<IReadOnlyList<string>> DiscoverUntilFoundAsync(CancellationToken ct)
    {
        var backoff = FirstBackoff;
        while (true)
        {
            try
            {
                var seeds = await _discovery.DiscoverAsync(ct);
                if (seeds.Count > 0) return seeds;
                _log.Warning("no seeds yet from {0}; looking again in {1}", _discovery, backoff);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The SDK's messages carry no credentials; the exception type says which kind of failure it was.
                _log.Warning("seed lookup from {0} failed ({1}: {2}); looking again in {3}", _discovery, e.GetType().Name, e.Message, backoff);
            }
            await Task.Delay(backoff, ct);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    /// <summary>host:port as an address of this node's protocol and actor system (akka.tcp or akka.ssl.tcp).</summary>
    public static Address ToAddress(Address self, string seed)
    {
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(seed.AsSpan(colon + 1), out var port)) throw new FormatException($"seed '{seed}' is not host:port");
        return new Address(self.Protocol, self.System, seed[..colon].Trim('[', ']'), port);
    }
}
