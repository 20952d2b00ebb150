using System.Diagnostics;

namespace AkkaEtl.Tests.Operator;

/// <summary>Headless Chromium (Debian's chromium, installed by .ci/run) loading a page: its DOM after the scripts ran, or a screenshot.</summary>
public static class Chromium
{
    /// <summary>The browser on PATH; the tests fail (not skip) without it.</summary>
    public static string Executable =>
        new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("chromium is not on PATH: the status page tests need it (apt-get install -y chromium; .ci/run installs it)");

    /// <summary>The page's DOM once its polling has run for a few (virtual) seconds.</summary>
    public static async Task<string> DumpDomAsync(string url, string profileDir) => (await RunAsync(profileDir, ["--dump-dom", url])).StdOut;

    public static async Task ScreenshotAsync(string url, string profileDir, string png) =>
        await RunAsync(profileDir, [$"--screenshot={png}", "--window-size=1280,900", "--hide-scrollbars", url]);

    private static async Task<(string StdOut, string StdErr)> RunAsync(string profileDir, string[] args)
    {
        var psi = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])
                 [
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profileDir}", "--virtual-time-budget=5000", .. args,
                 ])
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var outTask = p.StandardOutput.ReadToEndAsync();
        var errTask = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium {string.Join(' ', args)} did not finish in 60 s; stderr: {await errTask}");
        }
        var (stdout, stderr) = (await outTask, await errTask);
        if (p.ExitCode != 0) throw new InvalidOperationException($"chromium exited {p.ExitCode}: {stderr}");
        return (stdout, stderr);
    }
}
