using System.Buffers.Binary;
using Parquet;
using Parquet.Meta;

namespace AkkaEtl.Parquet;

/// <summary>
/// A Parquet file's footer: <c>FileMetaData</c> (Thrift compact), its 4-byte little-endian length and the
/// <c>PAR1</c> magic. Read through Parquet.Net's public object model, written with <see cref="FileMetaDataSerializer"/>.
/// </summary>
public static class ParquetFooter
{
    public const int MagicLength = 4;
    /// <summary>The footer length and the closing magic.</summary>
    public const int TrailerLength = 8;

    public static ReadOnlySpan<byte> Magic => "PAR1"u8;

    /// <summary>Reads a file's metadata; only the footer is read.</summary>
    public static async Task<FileMetaData> ReadAsync(string path, CancellationToken ct = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
        try
        {
            return await ReadAsync(stream, ct);
        }
        // Named here: the stream's own errors ("10 bytes is too short…") do not say which file of a day's many it was.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidDataException($"'{path}' is not a readable Parquet file: {e.Message}", e);
        }
    }

    /// <summary>Reads the metadata of a seekable Parquet stream, leaving it open.</summary>
    public static async Task<FileMetaData> ReadAsync(Stream stream, CancellationToken ct = default)
    {
        if (stream.Length < MagicLength + TrailerLength) throw new InvalidDataException($"{stream.Length} bytes is too short for a Parquet file");
        await using var reader = await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, ct);
        return reader.Metadata ?? throw new InvalidDataException("the Parquet file has no metadata");
    }

    /// <summary>The footer's bytes as they are in the file (Thrift only, without length and magic).</summary>
    public static async Task<byte[]> ReadRawAsync(string path, CancellationToken ct = default)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var length = RandomAccess.GetLength(handle);
        if (length < MagicLength + TrailerLength) throw new InvalidDataException($"'{path}' is too short for a Parquet file");
        var trailer = new byte[TrailerLength];
        await FileRangeCopier.ReadExactlyAsync(handle, trailer, length - TrailerLength, ct);
        if (!trailer.AsSpan(4).SequenceEqual(Magic)) throw new InvalidDataException($"'{path}' does not end with PAR1");
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(trailer);
        if (footerLength <= 0 || footerLength > length - MagicLength - TrailerLength)
            throw new InvalidDataException($"'{path}' has an invalid footer length {footerLength}");
        var footer = new byte[footerLength];
        await FileRangeCopier.ReadExactlyAsync(handle, footer, length - TrailerLength - footerLength, ct);
        return footer;
    }

    /// <summary>The complete footer (metadata, length, magic) as bytes.</summary>
    public static byte[] Encode(FileMetaData metadata)
    {
        var w = new ThriftCompactWriter(16 * 1024);
        FileMetaDataSerializer.Write(w, metadata);
        var thrift = w.WrittenSpan;
        var bytes = new byte[thrift.Length + TrailerLength];
        thrift.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(thrift.Length), thrift.Length);
        Magic.CopyTo(bytes.AsSpan(thrift.Length + 4));
        return bytes;
    }

    /// <summary>Appends the footer to <paramref name="output"/>; returns the bytes written.</summary>
    public static async Task<int> WriteAsync(Stream output, FileMetaData metadata, CancellationToken ct = default)
    {
        var bytes = Encode(metadata);
        await output.WriteAsync(bytes, ct);
        return bytes.Length;
    }
}
