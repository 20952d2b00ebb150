using Amazon.S3.Model;

namespace AkkaEtl.Storage;

/// <summary>
/// The body of a GET, read as it arrives. Disposing it disposes the response (and so the connection). Whatever
/// breaks while reading (a reset connection, a body shorter than its Content-Length, a checksum mismatch) surfaces
/// as an <see cref="IOException"/> naming the object, so that the caller retries its whole work item;
/// cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class S3ReadStream : Stream
{
    private readonly GetObjectResponse _response;
    private readonly Stream _body;
    private readonly string _location;
    private readonly long _expected;
    private long _read;
    private bool _disposed;

    public S3ReadStream(GetObjectResponse response, string location)
    {
        _response = response;
        _body = response.ResponseStream;
        _location = location;
        _expected = response.ContentLength;
    }

    public override bool CanRead => !_disposed;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _expected >= 0 ? _expected : throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int n;
        try { n = _body.Read(buffer); }
        catch (Exception e) when (e is not OperationCanceledException) { throw Broken(e); }
        return Count(n, buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int n;
        try { n = await _body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false); }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { throw; }
        catch (Exception e) { throw Broken(e); }
        return Count(n, buffer.Length);
    }

    private int Count(int n, int asked)
    {
        _read += n;
        if (n == 0 && asked > 0 && _expected >= 0 && _read < _expected)
            throw new IOException($"reading {_location}: the body ended after {_read} of {_expected} bytes");
        return n;
    }

    private IOException Broken(Exception e) =>
        new($"reading {_location} broke after {_read} of {(_expected >= 0 ? _expected.ToString() : "?")} bytes: {e.Message}", e);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _body.Dispose();
            _response.Dispose();
        }
        base.Dispose(disposing);
    }
}
