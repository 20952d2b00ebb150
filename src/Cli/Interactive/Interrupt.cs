namespace AkkaEtl.Cli.Interactive;

/// <summary>Where Ctrl-C goes: normally it stops the process's work; at the prompt it stops only the running command.</summary>
public static class Interrupt
{
    private static Action? _override;

    public static bool TryHandle()
    {
        var handler = Volatile.Read(ref _override);
        if (handler is null) return false;
        handler();
        return true;
    }

    /// <summary>Until disposed, Ctrl-C cancels <paramref name="cts"/> instead of the process's work.</summary>
    public static IDisposable Redirect(CancellationTokenSource cts)
    {
        Volatile.Write(ref _override, () => cts.Cancel());
        return new Restore();
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose() => Volatile.Write(ref _override, null);
    }
}
