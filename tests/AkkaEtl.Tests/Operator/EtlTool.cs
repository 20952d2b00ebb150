using System.Diagnostics;
using AkkaEtl.Tests.Support;

namespace AkkaEtl.Tests.Operator;

/// <summary>Runs the real etl CLI (src/Cli's build output) as a child process, as an operator would.</summary>
public static class EtlTool
{
    /// <summary>The CLI from its own build output, in the tests' configuration.</summary>
    public static string Dll
    {
        get
        {
            var configuration = typeof(EtlTool).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
                .Cast<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
            var dll = Path.Combine(TestPaths.RepoRoot, "src", "Cli", "bin", configuration, "net10.0", "etl.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is built with the solution (the tests reference the Cli project)");
        }
    }

    /// <summary>
    /// etl ARGS with stdout and stderr captured (so both are redirected, as in a script). ETL_HOST and ETL_TOKEN of
    /// the test's own environment are not passed on; <paramref name="env"/> sets what a test needs.
    /// </summary>
    public static async Task<CliResult> RunAsync(string[] args, IDictionary<string, string>? env = null, string? stdin = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("ETL_HOST");
        psi.Environment.Remove("ETL_TOKEN");
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var outTask = p.StandardOutput.ReadToEndAsync();
        var errTask = p.StandardError.ReadToEndAsync();
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"etl {string.Join(' ', args)} did not finish in {limit}; stderr so far: {await errTask}");
        }
        return new CliResult(p.ExitCode, await outTask, await errTask);
    }
}
