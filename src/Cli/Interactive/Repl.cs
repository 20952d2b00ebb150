using AkkaEtl.Cli.Api;

namespace AkkaEtl.Cli.Interactive;

/// <summary>
/// <c>etl</c> with no command: a prompt that runs commands against one server (history in ~/.etl_history); on a
/// pipe, one command a line. Ctrl-C stops the running command, not the session; 'exit' or Ctrl-D ends it.
/// </summary>
public sealed class Repl(Endpoint endpoint, bool json)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var interactive = !Console.IsInputRedirected;
        var history = new History(interactive ? History.DefaultPath : null);
        var editor = new LineEditor(history, [.. CliApp.Commands.Select(c => c.Name), "help", "exit"]);
        if (interactive)
            Console.WriteLine($"etl on {endpoint.BaseUri} — 'help' lists commands, 'exit' or Ctrl-D leaves");
        var last = ExitCodes.Ok;
        while (!ct.IsCancellationRequested)
        {
            var line = interactive ? editor.ReadLine("etl> ") : await Console.In.ReadLineAsync(ct);
            if (line is null) break;
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            history.Add(line);
            if (line is "exit" or "quit") break;
            List<string> words;
            try { words = ShellWords.Split(line); }
            catch (FormatException e)
            {
                Output.Error(e.Message);
                last = ExitCodes.Usage;
                continue;
            }
            using var commandCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using (Interrupt.Redirect(commandCts))
                last = await CliApp.RunAsync(words, commandCts.Token, endpoint, json);
            if (interactive && last != ExitCodes.Ok) Console.Error.WriteLine($"(exit {last})");
        }
        // On a pipe, the last command's code is the script's result.
        return interactive ? ExitCodes.Ok : last;
    }
}
