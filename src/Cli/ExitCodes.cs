namespace AkkaEtl.Cli;

/// <summary>Exit codes scripts can trust.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The operation failed: a day ended failed or cancelled, a 409, a server error.</summary>
    public const int Failed = 1;
    /// <summary>Bad usage, or bad input the server refused (4xx).</summary>
    public const int Usage = 2;
    /// <summary>The server cannot be reached, or refused our credentials (401/403).</summary>
    public const int Unreachable = 3;
    /// <summary>Stopped with Ctrl-C.</summary>
    public const int Interrupted = 130;
}

/// <summary>A failure to report on stderr and exit with <see cref="ExitCode"/>.</summary>
public sealed class CliError(int exitCode, string message, bool transient = false) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The server did not answer (rather than answered no): worth asking again while watching.</summary>
    public bool Transient { get; } = transient;
}
