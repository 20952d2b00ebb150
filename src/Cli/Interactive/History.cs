namespace AkkaEtl.Cli.Interactive;

/// <summary>The prompt's history, kept in ~/.etl_history (the last 1,000 lines; lines with a token are not kept).</summary>
public sealed class History
{
    private const int Keep = 1000;
    private readonly string? _path;
    private readonly List<string> _lines;

    public History(string? path)
    {
        _path = path;
        try { _lines = path is not null && File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).TakeLast(Keep).ToList() : []; }
        catch (IOException) { _lines = []; }
        catch (UnauthorizedAccessException) { _lines = []; }
    }

    public static string? DefaultPath =>
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".etl_history") : null;

    public IReadOnlyList<string> Lines => _lines;

    public void Add(string line)
    {
        // A secret typed at the prompt must not land in a file.
        if (line.Length == 0 || line.Contains("--token", StringComparison.Ordinal)) return;
        if (_lines.Count > 0 && _lines[^1] == line) return;
        _lines.Add(line);
        if (_path is null) return;
        try
        {
            if (_lines.Count > Keep * 2)
            {
                _lines.RemoveRange(0, _lines.Count - Keep);
                File.WriteAllLines(_path, _lines);
            }
            else File.AppendAllLines(_path, [line]);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
