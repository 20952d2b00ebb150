using AkkaEtl.Arguments;
using AkkaEtl.Cli.Api;
using AkkaEtl.Cli.Commands;
using AkkaEtl.Cli.Interactive;

namespace AkkaEtl.Cli;

/// <summary>
/// Parses <c>etl [--host H] [--token T] [--json] COMMAND ...</c> (the global options may stand anywhere), runs the
/// command and turns every failure into its exit code. No command: the interactive prompt.
/// </summary>
public sealed class CliApp
{
    private static readonly string[] GlobalOptions = ["host", "token"];
    private static readonly string[] GlobalFlags = ["json"];

    public static readonly IReadOnlyList<ICliCommand> Commands =
    [
        new SubmitCommand(), new StatusCommand(), DayActionCommand.Retry(), DayActionCommand.Cancel(), new ClusterCommand(), new ShardsCommand(),
        new TablesCommand(), new PartitionsCommand(), new QueryCommand(), new DdlCommand(), new ErrorsCommand(), new MetricsCommand(),
    ];

    public const string GlobalUsage = """
        usage: etl [--host 127.0.0.1:9110] [--token T] [--json] COMMAND [ARGS]
          --host    the coordinator's control API (host:port or URL; default $ETL_HOST, else 127.0.0.1:9110)
          --token   its bearer token (default $ETL_TOKEN, which keeps it out of the process list)
          --json    print the API's JSON (stable, for scripts)
        exit codes: 0 ok, 1 the operation failed (a day failed or was cancelled, 409), 2 bad usage or input the server
                    refused, 3 the server cannot be reached or refused the token
        no COMMAND: an interactive prompt (history in ~/.etl_history)
        """;

    /// <summary>Runs one command line; <paramref name="defaults"/> are the global options of an interactive session.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct, Endpoint? defaults = null, bool defaultJson = false)
    {
        ICliCommand? command = null;
        try
        {
            var (name, rest, help) = Split(args);
            if (name is "help")
            {
                var about = rest.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
                PrintHelp(about is null ? null : Find(about));
                return ExitCodes.Ok;
            }
            command = name is null ? null : Find(name);
            if (help)
            {
                PrintHelp(command);
                return ExitCodes.Ok;
            }
            var cl = CommandLine.Parse(rest, [.. GlobalOptions, .. command?.Options ?? []], [.. GlobalFlags, .. command?.Flags ?? []]);
            var endpoint = cl.Get("host") is null && cl.Get("token") is null && defaults is not null
                ? defaults
                : Endpoint.Resolve(cl.Get("host") ?? defaults?.BaseUri.ToString(), cl.Get("token") ?? defaults?.Token);
            var json = cl.Flag("json") || defaultJson;
            if (command is null)
            {
                if (defaults is not null) throw new UsageException("no command");
                return await new Repl(endpoint, json).RunAsync(ct);
            }
            using var api = new EtlApi(endpoint);
            return await command.RunAsync(new CommandContext(api, json, ct), cl);
        }
        catch (UsageException e)
        {
            Output.Error((command is null ? "" : command.Name + ": ") + e.Message);
            Console.Error.WriteLine(command?.Usage ?? GlobalUsage);
            return ExitCodes.Usage;
        }
        catch (CliError e)
        {
            Output.Error((command is null ? "" : command.Name + ": ") + e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Output.Error("stopped (whatever was submitted goes on on the server)");
            return ExitCodes.Interrupted;
        }
    }

    private static ICliCommand Find(string name) =>
        Commands.FirstOrDefault(c => c.Name == name) ?? throw new UsageException($"unknown command '{name}' (etl help lists them)");

    /// <summary>The command's name, the other words (global options included), and whether help was asked.</summary>
    private static (string? Name, List<string> Others, bool Help) Split(IReadOnlyList<string> args)
    {
        string? name = null;
        var rest = new List<string>();
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a is "-h" or "--help")
            {
                help = true;
                continue;
            }
            if (name is null && a.StartsWith("--", StringComparison.Ordinal))
            {
                var option = a[2..].Split('=', 2)[0];
                if (!GlobalOptions.Contains(option) && !GlobalFlags.Contains(option)) throw new UsageException($"unknown option {a} before the command");
                rest.Add(a);
                if (GlobalOptions.Contains(option) && !a.Contains('=') && i + 1 < args.Count) rest.Add(args[++i]);
                continue;
            }
            if (name is null) name = a;
            else rest.Add(a);
        }
        return (name, rest, help);
    }

    public static void PrintHelp(ICliCommand? command)
    {
        if (command is not null)
        {
            Console.WriteLine(command.Usage);
            return;
        }
        Console.WriteLine("etl: operate an AkkaEtl cluster through its coordinator's control API");
        Console.WriteLine();
        Console.WriteLine(GlobalUsage);
        Console.WriteLine("commands:");
        foreach (var c in Commands) Console.WriteLine($"  {c.Name,-11} {c.Summary}");
        Console.WriteLine();
        Console.WriteLine("etl help COMMAND (or etl COMMAND --help) shows a command's options.");
    }
}
