using Spectre.Console;

using AkkaEtl.Arguments;

namespace AkkaEtl.Coordinator.Commands;

/// <summary>Standard output for people: on a terminal its real width; redirected, wide enough that tables do not wrap.</summary>
public static class Terminal
{
    private static readonly Lazy<IAnsiConsole> Console = new(() =>
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        if (System.Console.IsOutputRedirected) console.Profile.Width = 240;
        return console;
    });

    public static IAnsiConsole Out => Console.Value;
}
