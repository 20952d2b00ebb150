using AkkaEtl.Ingest;
using AkkaEtl.Messages;
using AkkaEtl.Storage;

namespace AkkaEtl.Worker;

/// <summary>A source file as chunks of lines; a file that cannot be opened or read fails with where and why.</summary>
public static class SourceChunks
{
    public static async IAsyncEnumerable<LineChunk> ReadAsync(IObjectStore store, SourceFileRef file, int index, LineReaderOptions options, ReadCounters counters,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Stream stream;
        try
        {
            stream = await SourceFiles.OpenAsync(store, file.Key, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SourceReadException(store.Describe(file.Key), e is ObjectNotFoundException ? "it does not exist (deleted after listing?)" : e.Message, e);
        }
        await using (stream)
        {
            var chunks = LineChunkReader.ReadAsync(stream, index, options, counters, ct).GetAsyncEnumerator(ct);
            try
            {
                while (true)
                {
                    LineChunk chunk;
                    try
                    {
                        if (!await chunks.MoveNextAsync()) break;
                        chunk = chunks.Current;
                    }
                    catch (Exception e) when (e is not OperationCanceledException and not SourceReadException)
                    {
                        throw new SourceReadException(store.Describe(file.Key), e.Message, e);
                    }
                    yield return chunk;
                }
            }
            finally
            {
                await chunks.DisposeAsync();
            }
        }
    }
}
