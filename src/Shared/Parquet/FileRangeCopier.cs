using Microsoft.Win32.SafeHandles;

namespace AkkaEtl.Parquet;

/// <summary>Copies byte ranges of a file into a stream through one reusable buffer. Not thread-safe: one copier per concurrent copy.</summary>
public sealed class FileRangeCopier
{
    private readonly byte[] _buffer;

    public FileRangeCopier(int bufferSize = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 4096);
        _buffer = new byte[bufferSize];
    }

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="offset"/> of <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public async Task CopyAsync(SafeFileHandle source, long offset, long length, Stream destination, CancellationToken ct = default)
    {
        while (length > 0)
        {
            var block = _buffer.AsMemory(0, (int)Math.Min(length, _buffer.Length));
            await ReadExactlyAsync(source, block, offset, ct);
            await destination.WriteAsync(block, ct);
            offset += block.Length;
            length -= block.Length;
        }
    }

    public static async Task ReadExactlyAsync(SafeFileHandle handle, Memory<byte> buffer, long offset, CancellationToken ct = default)
    {
        while (buffer.Length > 0)
        {
            var n = await RandomAccess.ReadAsync(handle, buffer, offset, ct);
            if (n == 0) throw new EndOfStreamException($"the file ends before offset {offset + buffer.Length}");
            buffer = buffer[n..];
            offset += n;
        }
    }
}
