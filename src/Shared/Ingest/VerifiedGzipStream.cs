using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace AkkaEtl.Ingest;

/// <summary>
/// Decompresses gzip (one member or several concatenated) and verifies every member's CRC-32 and length trailer.
/// .NET's GZipStream ends quietly on a truncated file, which would lose the rest of the file without a word; this
/// stream throws <see cref="InvalidDataException"/> instead. It uses the runtime's native inflater for the data and
/// finds each trailer among the bytes the inflater read ahead.
/// </summary>
public sealed class VerifiedGzipStream : Stream
{
    private readonly RecordingStream _input;
    private DeflateStream? _deflate;
    private readonly Crc32 _crc = new();
    private long _memberLength;
    private bool _done;

    public VerifiedGzipStream(Stream compressed) => _input = new RecordingStream(compressed);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!_done)
        {
            _deflate ??= StartMember();
            if (_deflate is null) break;
            var n = _deflate.Read(buffer);
            if (n > 0)
            {
                _crc.Append(buffer[..n]);
                _memberLength += n;
                return n;
            }
            EndMember();
        }
        return 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        while (!_done)
        {
            _deflate ??= StartMember();
            if (_deflate is null) break;
            var n = await _deflate.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (n > 0)
            {
                _crc.Append(buffer.Span[..n]);
                _memberLength += n;
                return n;
            }
            EndMember();
        }
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    /// <summary>Reads a member header; null at the end of the input (trailing zero padding is allowed).</summary>
    private DeflateStream? StartMember()
    {
        var first = _input.ReadByteDirect();
        while (first == 0) first = _input.ReadByteDirect();
        if (first < 0)
        {
            _done = true;
            return null;
        }
        if (first != 0x1F || _input.ReadByteDirect() != 0x8B) throw new InvalidDataException("not gzip data (bad magic bytes)");
        if (_input.ReadByteDirect() != 8) throw new InvalidDataException("unsupported gzip compression method");
        var flags = Need(_input.ReadByteDirect());
        for (var i = 0; i < 6; i++) Need(_input.ReadByteDirect()); // mtime, xfl, os
        if ((flags & 0x04) != 0)
        {
            var len = Need(_input.ReadByteDirect()) | (Need(_input.ReadByteDirect()) << 8);
            for (var i = 0; i < len; i++) Need(_input.ReadByteDirect());
        }
        if ((flags & 0x08) != 0) while (Need(_input.ReadByteDirect()) != 0) { }
        if ((flags & 0x10) != 0) while (Need(_input.ReadByteDirect()) != 0) { }
        if ((flags & 0x02) != 0) { Need(_input.ReadByteDirect()); Need(_input.ReadByteDirect()); }
        _crc.Reset();
        _memberLength = 0;
        _input.StartRecording();
        return new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
    }

    private void EndMember()
    {
        _deflate!.Dispose();
        _deflate = null;
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)_memberLength);
        // The inflater stopped at the end of the deflate data or at the end of the input; a whole member has its
        // trailer right after, among the bytes read ahead.
        if (!_input.FindAndRewindAfter(trailer))
            throw new InvalidDataException($"truncated or corrupt gzip data: no valid trailer after {_memberLength:N0} decompressed bytes");
    }

    private static int Need(int b) => b >= 0 ? b : throw new InvalidDataException("truncated gzip header");

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _deflate?.Dispose();
            _input.Inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>
    /// Serves the compressed bytes, remembers those read since a member started, and can give back the ones read
    /// past a member's trailer so the next member starts at the right byte.
    /// </summary>
    private sealed class RecordingStream(Stream inner) : Stream
    {
        private byte[] _pending = new byte[64 * 1024];
        private int _pendingStart, _pendingEnd;
        private byte[] _recorded = new byte[256 * 1024];
        private int _recordedCount;

        public Stream Inner => inner;

        public void StartRecording() => _recordedCount = 0;

        public int ReadByteDirect()
        {
            if (_pendingStart == _pendingEnd && !Fill()) return -1;
            return _pending[_pendingStart++];
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_pendingStart == _pendingEnd && !Fill()) return 0;
            var n = Math.Min(buffer.Length, _pendingEnd - _pendingStart);
            var served = _pending.AsSpan(_pendingStart, n);
            served.CopyTo(buffer);
            Record(served);
            _pendingStart += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_pendingStart == _pendingEnd && !await FillAsync(ct).ConfigureAwait(false)) return 0;
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        /// <summary>Finds the trailer among the recorded bytes; the bytes after it are served again.</summary>
        public bool FindAndRewindAfter(ReadOnlySpan<byte> trailer)
        {
            // The inflater stops reading where the deflate data ends, which may be inside the trailer or right before
            // it: take up to a trailer's length more, so that it is among the recorded bytes either way.
            for (var i = 0; i < trailer.Length && (_pendingStart < _pendingEnd || Fill()); i++)
                Record(_pending.AsSpan(_pendingStart++, 1));
            var recorded = _recordedCount > 0 ? _recorded.AsSpan(0, _recordedCount) : [];
            // The trailer follows the deflate data, which the inflater read to its end: search from the end backwards.
            var at = recorded.LastIndexOf(trailer);
            if (at < 0) return false;
            var after = recorded[(at + trailer.Length)..];
            var remaining = _pendingEnd - _pendingStart;
            var merged = new byte[after.Length + remaining];
            after.CopyTo(merged);
            _pending.AsSpan(_pendingStart, remaining).CopyTo(merged.AsSpan(after.Length));
            if (merged.Length > _pending.Length) _pending = merged;
            else merged.CopyTo(_pending, 0);
            _pendingStart = 0;
            _pendingEnd = merged.Length;
            _recordedCount = 0;
            return true;
        }

        private void Record(ReadOnlySpan<byte> served)
        {
            // Only the last bytes matter (the trailer is within the inflater's read-ahead): keep a window of them.
            if (served.Length >= _recorded.Length)
            {
                served[^_recorded.Length..].CopyTo(_recorded);
                _recordedCount = _recorded.Length;
                return;
            }
            if (_recordedCount + served.Length > _recorded.Length)
            {
                var keep = _recorded.Length - served.Length;
                Buffer.BlockCopy(_recorded, _recordedCount - keep, _recorded, 0, keep);
                _recordedCount = keep;
            }
            served.CopyTo(_recorded.AsSpan(_recordedCount));
            _recordedCount += served.Length;
        }

        private bool Fill()
        {
            _pendingStart = 0;
            _pendingEnd = inner.Read(_pending, 0, _pending.Length);
            return _pendingEnd > 0;
        }

        private async ValueTask<bool> FillAsync(CancellationToken ct)
        {
            _pendingStart = 0;
            _pendingEnd = await inner.ReadAsync(_pending.AsMemory(), ct).ConfigureAwait(false);
            return _pendingEnd > 0;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
