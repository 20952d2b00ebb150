using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace AkkaEtl.Hosting;

/// <summary>
/// Akka's log events to Microsoft.Extensions.Logging with the table, day, run and item of the actor that logged them
/// as the event's scope, so that JSON logs can be searched by day or item. (Akka.Hosting's own bridge passes the text
/// only.) The fields come from the actor's path: day coordinators and work-item entities are named after them.
/// </summary>
public sealed partial class ScopedLoggerFactoryLogger : ActorBase, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private ILoggerFactory? _factory;
    private readonly Dictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                var setup = Context.System.Settings.Setup.Get<Akka.Hosting.Logging.LoggerFactorySetup>();
                _factory = setup.HasValue ? setup.Value.LoggerFactory : throw new InvalidOperationException("no LoggerFactorySetup in the actor system's setup");
                Sender.Tell(new LoggerInitialized());
                return true;
            case LogEvent e:
                Log(e);
                return true;
            default:
                return false;
        }
    }

    private void Log(LogEvent e)
    {
        var category = e.LogClass?.FullName ?? "Akka";
        if (!_loggers.TryGetValue(category, out var logger)) _loggers[category] = logger = _factory!.CreateLogger(category);
        var level = e.LogLevel() switch
        {
            Akka.Event.LogLevel.DebugLevel => LogLevel.Debug,
            Akka.Event.LogLevel.InfoLevel => LogLevel.Information,
            Akka.Event.LogLevel.WarningLevel => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        if (!logger.IsEnabled(level)) return;
        using (logger.BeginScope(Scope(e.LogSource)))
            logger.Log(level, default, e.Message?.ToString() ?? "", (e as Error)?.Cause, static (text, _) => text);
    }

    /// <summary>The actor path, and the table, day, run and item named in it.</summary>
    public static LogScope Scope(string source)
    {
        var scope = new LogScope { ["ActorPath"] = source };
        var path = Uri.UnescapeDataString(source);
        if (ItemPattern().Match(path) is { Success: true } item)
        {
            scope["Item"] = item.Value;
            Add(scope, item);
        }
        else if (DayPattern().Match(path) is { Success: true } day)
        {
            Add(scope, day);
        }
        return scope;
    }

    private static void Add(LogScope scope, Match m)
    {
        scope["Table"] = m.Groups["table"].Value;
        scope["Day"] = m.Groups["day"].Value;
        scope["Run"] = m.Groups["run"].Value;
    }

    // Work-item ids are table|day|run|index; day coordinators are day-table-day-run.
    [GeneratedRegex(@"(?<table>[^/|]+)\|(?<day>\d{4}-\d{2}-\d{2})\|(?<run>r\w+)\|\d+")]
    private static partial Regex ItemPattern();

    [GeneratedRegex(@"/day-(?<table>[^/]+)-(?<day>\d{4}-\d{2}-\d{2})-(?<run>r\w+)")]
    private static partial Regex DayPattern();
}

/// <summary>A log event's fields; its text (what a text formatter shows of a scope) is the day and item.</summary>
public sealed class LogScope : Dictionary<string, object>
{
    public LogScope() : base(StringComparer.Ordinal) { }

    public override string ToString() =>
        TryGetValue("Item", out var item) ? $"item {item}" : TryGetValue("Day", out var day) ? $"{this["Table"]} {day}" : (string)this["ActorPath"];
}
