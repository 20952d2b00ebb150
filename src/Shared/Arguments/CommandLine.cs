using System.Globalization;
using AkkaEtl.Common;

namespace AkkaEtl.Arguments;

/// <summary>A usage error: the message is shown with the command's help and the exit code is 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The parsed command line of one command: <c>--name value</c> options, <c>--flag</c> switches (declared, so a
/// switch never swallows the next word) and positional arguments. Unknown options are errors.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positionals { get; }

    private CommandLine(List<string> positionals) => Positionals = positionals;

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags)
    {
        var positionals = new List<string>();
        var cl = new CommandLine(positionals);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }
            if (!a.StartsWith("--", StringComparison.Ordinal) || a.Length == 2)
            {
                positionals.Add(a);
                continue;
            }
            var name = a[2..];
            string? inline = null;
            var eq = name.IndexOf('=');
            if (eq > 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            if (flags.Contains(name))
            {
                if (inline is not null && !bool.TryParse(inline, out var on)) throw new UsageException($"--{name} takes no value");
                cl._flags.Add(name);
                continue;
            }
            if (!options.Contains(name))
                throw new UsageException($"unknown option --{name}");
            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value"));
            cl._values[name] = value;
        }
        return cl;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public string Require(string name) => Get(name) ?? throw new UsageException($"--{name} is required");

    public int Int(string name, int fallback, int min = int.MinValue)
    {
        var text = Get(name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min)
            throw new UsageException($"--{name} must be an integer{(min > int.MinValue ? $" ≥ {min}" : "")}, not '{text}'");
        return v;
    }

    public double Double(string name, double fallback)
    {
        var text = Get(name);
        if (text is null) return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new UsageException($"--{name} must be a number, not '{text}'");
    }

    public long Bytes(string name, long fallback)
    {
        var text = Get(name);
        if (text is null) return fallback;
        try { return Sizes.Parse(text); }
        catch (FormatException) { throw new UsageException($"--{name} must be a size such as 64MiB, not '{text}'"); }
    }

    public TimeSpan? Duration(string name)
    {
        var text = Get(name);
        if (text is null) return null;
        return TimeSpanText.TryParse(text, out var value) ? value : throw new UsageException($"--{name} must be a duration such as 30s, 10m or 6h, not '{text}'");
    }

    public DayRange Days(string name = "days")
    {
        var text = Require(name);
        return DayRange.TryParse(text, out var range, out var error) ? range : throw new UsageException(error);
    }

    public DayRange? OptionalDays(string name = "days") => Get(name) is null ? null : Days(name);
}
