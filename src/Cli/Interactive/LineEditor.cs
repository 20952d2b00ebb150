using System.Text;

namespace AkkaEtl.Cli.Interactive;

/// <summary>
/// Reads a line at a terminal with editing keys and history (↑/↓, ←/→, Home/End, Backspace/Delete, Ctrl-A/E/U/K,
/// Tab completes a command name; Ctrl-C drops the line). Returns null on Ctrl-D at an empty line.
/// </summary>
public sealed class LineEditor(History history, IReadOnlyList<string> completions)
{
    public string? ReadLine(string prompt)
    {
        var buffer = new StringBuilder();
        var cursor = 0;
        var index = history.Lines.Count;
        var draft = "";
        Console.Write(prompt);
        // Ctrl-C at the prompt drops the line being typed, as in a shell.
        var treatControlC = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try { return Edit(prompt, buffer, ref cursor, ref index, ref draft); }
        finally { Console.TreatControlCAsInput = treatControlC; }
    }

    private string? Edit(string prompt, StringBuilder buffer, ref int cursor, ref int index, ref string draft)
    {
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            var ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return buffer.ToString();
                case ConsoleKey.C when ctrl:
                    Console.WriteLine("^C");
                    return "";
                case ConsoleKey.D when ctrl:
                    if (buffer.Length == 0)
                    {
                        Console.WriteLine();
                        return null;
                    }
                    break;
                case ConsoleKey.Backspace when cursor > 0:
                    buffer.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < buffer.Length:
                    buffer.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < buffer.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                case ConsoleKey.A when ctrl:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                case ConsoleKey.E when ctrl:
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.U when ctrl:
                    buffer.Remove(0, cursor);
                    cursor = 0;
                    break;
                case ConsoleKey.K when ctrl:
                    buffer.Remove(cursor, buffer.Length - cursor);
                    break;
                case ConsoleKey.UpArrow when index > 0:
                    if (index == history.Lines.Count) draft = buffer.ToString();
                    Replace(buffer, history.Lines[--index], ref cursor);
                    break;
                case ConsoleKey.DownArrow when index < history.Lines.Count:
                    index++;
                    Replace(buffer, index == history.Lines.Count ? draft : history.Lines[index], ref cursor);
                    break;
                case ConsoleKey.Tab:
                    Complete(buffer, ref cursor);
                    break;
                default:
                    if (!ctrl && key.KeyChar >= ' ')
                        buffer.Insert(cursor++, key.KeyChar);
                    break;
            }
            Redraw(prompt, buffer, cursor);
        }
    }

    private void Complete(StringBuilder buffer, ref int cursor)
    {
        var text = buffer.ToString();
        if (text.Contains(' ')) return;
        var matches = completions.Where(c => c.StartsWith(text, StringComparison.Ordinal)).ToList();
        if (matches.Count == 1) Replace(buffer, matches[0] + " ", ref cursor);
    }

    private static void Replace(StringBuilder buffer, string text, ref int cursor)
    {
        buffer.Clear().Append(text);
        cursor = buffer.Length;
    }

    private static void Redraw(string prompt, StringBuilder buffer, int cursor)
    {
        // Back to the start of the line, rewrite it, clear what is left of a longer one, put the cursor back.
        Console.Write("\r" + prompt + buffer + "\u001b[K");
        var back = buffer.Length - cursor;
        if (back > 0) Console.Write($"\u001b[{back}D");
    }
}
