namespace AkkaEtl.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // At the prompt, Ctrl-C stops the running command only.
            if (Interactive.Interrupt.TryHandle())
            {
                e.Cancel = true;
                return;
            }
            // The first Ctrl-C stops what runs (a watch) cleanly; a second one ends the process.
            if (cts.IsCancellationRequested) return;
            e.Cancel = true;
            cts.Cancel();
        };
        return await CliApp.RunAsync(args, cts.Token);
    }
}
