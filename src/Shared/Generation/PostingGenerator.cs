using System.Diagnostics;
using System.IO.Compression;

namespace AkkaEtl.Generation;

/// <summary>
/// Writes realistic synthetic job postings as JSON Lines: <c>OutputDirectory/YYYY/MM/DD/part-NNNNN.jsonl</c> (or
/// <c>.jsonl.gz</c> for a share of the files). Output is byte-identical for the same options, whatever the
/// parallelism: every line follows from (seed, day, ordinal) alone.
/// </summary>
public static class PostingGenerator
{
    private const int FlushThreshold = 1 << 20;
    private const int ProgressBatch = 4096;

    public static GenerationSummary Generate(GeneratorOptions options, IProgress<long>? recordsWritten = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var stopwatch = Stopwatch.StartNew();

        int days = options.To.DayNumber - options.From.DayNumber + 1;
        var plans = new DayPlan[days];
        for (int i = 0; i < days; i++)
        {
            DateOnly day = options.From.AddDays(i);
            plans[i] = new DayPlan(options, day);
            Directory.CreateDirectory(DayDirectory(options.OutputDirectory, day));
        }

        long files = (long)days * options.FilesPerDay;
        long records = 0, malformed = 0, bytes = 0;
        var progress = new ProgressSink(recordsWritten);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = ct };

        Parallel.For(0L, files, parallel,
            () => new Worker(),
            (index, _, worker) =>
            {
                DayPlan plan = plans[index / options.FilesPerDay];
                int fileIndex = (int)(index % options.FilesPerDay);
                FileResult result = worker.WriteFile(options.OutputDirectory, plan, fileIndex, progress, ct);
                worker.Records += result.Records;
                worker.Malformed += result.Malformed;
                worker.Bytes += result.Bytes;
                return worker;
            },
            worker =>
            {
                Interlocked.Add(ref records, worker.Records);
                Interlocked.Add(ref malformed, worker.Malformed);
                Interlocked.Add(ref bytes, worker.Bytes);
            });

        progress.Flush();
        return new GenerationSummary(days, (int)files, records, malformed, bytes, stopwatch.Elapsed);
    }

    /// <summary>The relative path of a part file: <c>YYYY/MM/DD/part-NNNNN.jsonl[.gz]</c>.</summary>
    public static string PartFileName(int fileIndex, bool gzip) =>
        FormattableString.Invariant($"part-{fileIndex:D5}.jsonl") + (gzip ? ".gz" : "");

    private static string DayDirectory(string root, DateOnly day) =>
        Path.Combine(root, day.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
            day.Month.ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
            day.Day.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));

    private readonly record struct FileResult(long Records, long Malformed, long Bytes);

    /// <summary>Per-thread state: one line buffer and one renderer, reused for every file the thread writes.</summary>
    private sealed class Worker
    {
        private readonly JsonLineWriter _writer = new(FlushThreshold + (256 << 10));
        private readonly PostingRenderer _renderer = new();

        public long Records;
        public long Malformed;
        public long Bytes;

        public FileResult WriteFile(string root, DayPlan plan, int fileIndex, ProgressSink progress, CancellationToken ct)
        {
            bool gzip = plan.IsGzip(fileIndex);
            string directory = DayDirectory(root, plan.Day);
            string path = Path.Combine(directory, PartFileName(fileIndex, gzip));
            string temporary = path + ".tmp";
            long malformed = 0;
            int pending = 0;

            try
            {
                long length;
                using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
                {
                    Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true) : file;
                    try
                    {
                        _writer.Clear();
                        long first = (long)fileIndex * plan.RecordsPerFile;
                        for (int line = 0; line < plan.RecordsPerFile; line++)
                        {
                            long ordinal = first + line;
                            RecordKind kind = plan.Classify(ordinal, out long target);
                            if (kind == RecordKind.Malformed)
                            {
                                MalformedLineWriter.Write(_writer, _renderer, plan, ordinal);
                                malformed++;
                            }
                            else
                            {
                                _renderer.Write(_writer, plan, ordinal, kind, target);
                            }

                            if (_writer.Length >= FlushThreshold)
                            {
                                _writer.CopyTo(output);
                                _writer.Clear();
                            }
                            if (++pending == ProgressBatch)
                            {
                                progress.Add(pending);
                                pending = 0;
                                ct.ThrowIfCancellationRequested();
                            }
                        }
                        _writer.CopyTo(output);
                        _writer.Clear();
                    }
                    finally
                    {
                        if (gzip) output.Dispose();
                    }
                    length = file.Length;
                }

                File.Move(temporary, path, overwrite: true);
                // a previous run with another gzip share may have left the other form of this part behind
                string other = Path.Combine(directory, PartFileName(fileIndex, !gzip));
                if (File.Exists(other)) File.Delete(other);
                progress.Add(pending);
                return new FileResult(plan.RecordsPerFile, malformed, length);
            }
            catch
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (IOException)
                {
                }
                throw;
            }
        }
    }

    /// <summary>Adds up lines from all threads and reports the running total, in order, every few thousand lines.</summary>
    private sealed class ProgressSink(IProgress<long>? progress)
    {
        private readonly Lock _gate = new();
        private long _total;
        private long _reported;

        public void Add(int lines)
        {
            if (progress is null || lines == 0) return;
            lock (_gate)
            {
                _total += lines;
                if (_total - _reported < ProgressBatch) return;
                _reported = _total;
                progress.Report(_total);
            }
        }

        public void Flush()
        {
            if (progress is null) return;
            lock (_gate)
            {
                if (_total == _reported) return;
                _reported = _total;
                progress.Report(_total);
            }
        }
    }
}
