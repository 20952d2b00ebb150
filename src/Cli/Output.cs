using Spectre.Console;

namespace AkkaEtl.Cli;

/// <summary>Where output goes: people get Spectre.Console on stdout, scripts the API's JSON as it came.</summary>
public static class Output
{
    private static readonly Lazy<IAnsiConsole> Lazy = new(() =>
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        // Redirected: wide enough that tables do not wrap in logs.
        if (System.Console.IsOutputRedirected) console.Profile.Width = 240;
        return console;
    });

    public static IAnsiConsole Console => Lazy.Value;

    public static void Json(string raw)
    {
        System.Console.Out.WriteLine(raw.TrimEnd());
        System.Console.Out.Flush();
    }

    public static void Error(string message) => System.Console.Error.WriteLine("etl: " + message);
}
