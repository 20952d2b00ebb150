using System.Text.Json;
using AkkaEtl.Features;

namespace AkkaEtl.Worker;

/// <summary>Rejected records of one work item, as JSON Lines in a local file (created on the first reject).</summary>
public sealed class RejectsWriter(string path) : IAsyncDisposable
{
    private FileStream? _file;
    private Utf8JsonWriter? _json;

    public string Path { get; } = path;
    public long Count { get; private set; }

    public async Task WriteAsync(IReadOnlyList<RejectRecord> rejects, CancellationToken ct)
    {
        if (rejects.Count == 0) return;
        if (_file is null)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            _file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            _json = new Utf8JsonWriter(_file);
        }
        foreach (var r in rejects)
        {
            _json!.WriteStartObject();
            _json.WriteString("file", r.File);
            _json.WriteNumber("line", r.Line);
            _json.WriteString("reason", r.Reason);
            _json.WriteString("raw", r.Raw);
            _json.WriteEndObject();
            await _json.FlushAsync(ct);
            _file.WriteByte((byte)'\n');
            _json.Reset();
            Count++;
        }
    }

    /// <summary>Closes the file; returns its path, or null when nothing was rejected.</summary>
    public async Task<string?> CompleteAsync()
    {
        if (_file is null) return null;
        await _json!.DisposeAsync();
        await _file.DisposeAsync();
        _file = null;
        return Path;
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is null) return;
        await _json!.DisposeAsync();
        await _file.DisposeAsync();
        File.Delete(Path);
    }
}
