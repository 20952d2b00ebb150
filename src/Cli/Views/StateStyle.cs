using Spectre.Console;

namespace AkkaEtl.Cli.Views;

/// <summary>How each day state looks: the same colours as the status page, and a letter for consoles without colour.</summary>
public static class StateStyle
{
    public static Color Colour(string state) => state switch
    {
        "queued" => Color.Grey,
        "discovering" => Color.DeepSkyBlue1,
        "processing" => Color.Yellow,
        "compacting" => Color.MediumPurple1,
        "committed" => Color.Green,
        "empty" => Color.Grey39,
        "failed" => Color.Red,
        "cancelled" => Color.Orange1,
        _ => Color.Default,
    };

    public static char Letter(string state) => state switch
    {
        "queued" => 'q',
        "discovering" => 'd',
        "processing" => 'p',
        "compacting" => 'k',
        "committed" => '+',
        "empty" => 'e',
        "failed" => 'F',
        "cancelled" => 'x',
        _ => '?',
    };

    public static string Markup(string state) => $"[{Colour(state).ToMarkup()}]{Spectre.Console.Markup.Escape(state)}[/]";

    public static bool HasColour(IAnsiConsole console) => console.Profile.Capabilities.Ansi && console.Profile.Capabilities.ColorSystem != ColorSystem.NoColors;
}
