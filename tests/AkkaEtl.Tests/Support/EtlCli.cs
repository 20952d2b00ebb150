using System.Diagnostics;
using System.Text;

namespace AkkaEtl.Tests.Support;

public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>Runs the real akkaetl program as a child process, as a user would.</summary>
public static class EtlCli
{
    public static string Dll => Locate("akkaetl.dll");

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, null, TimeSpan.FromMinutes(4));

    public static async Task<CliResult> RunAsync(string[] args, IDictionary<string, string>? env, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var outTask = p.StandardOutput.ReadToEndAsync();
        var errTask = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"akkaetl {string.Join(' ', args)} did not finish in {timeout}; stderr so far: {await errTask}");
        }
        return new CliResult(p.ExitCode, await outTask, await errTask);
    }

    public static string Locate(string file)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, file);
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json"))) return beside;
        throw new FileNotFoundException($"{file} (with its runtimeconfig) not found beside the tests in {AppContext.BaseDirectory}");
    }
}
