using Akka.Actor;
using Akka.Hosting;
using AkkaEtl.Common;
using AkkaEtl.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static AkkaEtl.Messages.DayProtocol;

namespace AkkaEtl.Coordinator.Hosting;

/// <summary>Submits days to a running node's coordinator and waits until each is final.</summary>
public static class EtlRunner
{
    public static async Task<IActorRef> CoordinatorAsync(IHost host, CancellationToken ct) =>
        await host.Services.GetRequiredService<ActorRegistry>().GetAsync<EtlCoordinatorKey>(ct);

    /// <summary>Submits and waits; <paramref name="onProgress"/> sees every poll. Throws <see cref="SubmissionRejectedException"/>.</summary>
    public static async Task<IReadOnlyList<DayStatus>> RunAsync(IHost host, string table, DayRange days, RunOptions options,
        Action<IReadOnlyList<DayStatus>>? onProgress, CancellationToken ct)
    {
        var coordinator = await CoordinatorAsync(host, ct);
        var system = host.Services.GetRequiredService<ActorSystem>();
        // Not disposed: an update can still reach the signal actor after this returns, and this semaphore holds nothing.
        var changed = new SemaphoreSlim(0);
        var signal = system.ActorOf(Props.Create(() => new ChangeSignal(changed)));
        try
        {
            coordinator.Tell(new Subscribe(signal));
            var reply = await coordinator.Ask<object>(new SubmitDays(table, days, options), TimeSpan.FromMinutes(1), ct);
            if (reply is SubmitRejected rejected) throw new SubmissionRejectedException(rejected.Reason);
            while (true)
            {
                var report = await coordinator.Ask<StatusReport>(new GetStatus(table, days), TimeSpan.FromSeconds(30), ct);
                onProgress?.Invoke(report.Days);
                if (report.Days.Count == days.Count && report.Days.All(d => d.State.IsFinal())) return report.Days;
                // Polled for the progress display; a day's update ends the wait early, so that the end is seen when it
                // comes rather than up to a poll later.
                await changed.WaitAsync(TimeSpan.FromMilliseconds(200), ct);
                while (changed.Wait(0)) { }
            }
        }
        finally
        {
            system.Stop(signal);
        }
    }

    /// <summary>Releases the semaphore on every day update the coordinator sends it.</summary>
    private sealed class ChangeSignal : ReceiveActor
    {
        public ChangeSignal(SemaphoreSlim changed) => Receive<DayUpdated>(_ => changed.Release());
    }
}

public sealed class SubmissionRejectedException(string reason) : Exception(reason);
