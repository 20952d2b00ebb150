using AkkaEtl.Arguments;
using AkkaEtl.Cli.Api;

namespace AkkaEtl.Cli.Commands;

/// <summary><c>etl ddl TABLE</c>: Athena's CREATE TABLE for a table of an S3 warehouse.</summary>
public sealed class DdlCommand : ICliCommand
{
    public string Name => "ddl";
    public string Summary => "Athena DDL for a table (an S3 warehouse)";
    public string Usage => """
        usage: etl ddl TABLE [--database D] [--projection]
          --projection   partition projection on day_partition (no partitions to register)
          with --json: {"table": T, "ddl": TEXT} (the API answers text)
        """;
    public IReadOnlyCollection<string> Options { get; } = ["database"];
    public IReadOnlyCollection<string> Flags { get; } = ["projection"];

    public async Task<int> RunAsync(CommandContext context, CommandLine args)
    {
        var table = CommandContext.Positional(args, 0, "the table");
        CommandContext.NoMorePositionals(args, 1);
        var path = $"api/tables/{Uri.EscapeDataString(table)}/ddl" +
                   ApiPaths.Query(("database", args.Get("database")), ("projection", args.Flag("projection") ? "true" : null));
        var response = await context.Api.GetAsync(path, context.Cancellation);
        if (context.Json) Output.Json(System.Text.Json.JsonSerializer.Serialize(new { table, ddl = response.Body }, CliJson.Options));
        else Console.Out.Write(response.Body);
        return ExitCodes.Ok;
    }
}
