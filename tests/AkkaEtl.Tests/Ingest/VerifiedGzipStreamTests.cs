using System.IO.Compression;
using System.Text;
using AkkaEtl.Ingest;

namespace AkkaEtl.Tests.Ingest;

public class VerifiedGzipStreamTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{{\"id\":\"j{i}\",\"n\":{i * 7919 % 1000}}}\n")));

    private static byte[] Gzip(byte[] content, CompressionLevel level = CompressionLevel.Optimal)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, level, leaveOpen: true)) gz.Write(content);
        return ms.ToArray();
    }

    private static byte[] Decompress(byte[] gz, int readSize = 8192)
    {
        using var s = new VerifiedGzipStream(new MemoryStream(gz));
        var output = new MemoryStream();
        var buf = new byte[readSize];
        int n;
        while ((n = s.Read(buf)) > 0) output.Write(buf, 0, n);
        return output.ToArray();
    }

    [Theory]
    [InlineData(CompressionLevel.Fastest, 8192)]
    [InlineData(CompressionLevel.Optimal, 7)]
    [InlineData(CompressionLevel.SmallestSize, 1 << 20)]
    public void Decompresses_a_whole_file(CompressionLevel level, int readSize) => Assert.Equal(Data, Decompress(Gzip(Data, level), readSize));

    [Fact]
    public async Task Decompresses_asynchronously()
    {
        await using var s = new VerifiedGzipStream(new MemoryStream(Gzip(Data)));
        var output = new MemoryStream();
        await s.CopyToAsync(output);
        Assert.Equal(Data, output.ToArray());
    }

    [Fact]
    public void Finds_the_trailer_wherever_the_inflater_stopped_reading()
    {
        // Incompressible data of every length around the inflater's 8 KiB reads: the deflate data ends at every offset
        // of a read, so the trailer is wholly read ahead, split across reads, or not read at all. (A real generated
        // file of 24,592 bytes was refused before.)
        var random = new Random(5);
        for (var length = 8_140; length < 8_220; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var gz = Gzip(data, CompressionLevel.NoCompression);
            Assert.Equal(data, Decompress(gz));
            Assert.Equal(data.Concat(data).ToArray(), Decompress([.. gz, .. gz])); // and the next member starts right after
        }
    }

    [Fact]
    public void Decompresses_concatenated_members_and_trailing_zero_padding()
    {
        var parts = new[] { Data[..1000], Data[1000..50_000], Array.Empty<byte>(), Data[50_000..] };
        var gz = parts.SelectMany(p => Gzip(p)).Concat(new byte[16]).ToArray();
        Assert.Equal(Data, Decompress(gz));
    }

    [Fact]
    public void Reads_headers_with_a_file_name()
    {
        // FNAME set: gzip -N style header.
        var body = Gzip(Data);
        var withName = body[..3].Concat(new byte[] { 0x08 }).Concat(body[4..10]).Concat(Encoding.ASCII.GetBytes("jobs.jsonl\0")).Concat(body[10..]).ToArray();
        Assert.Equal(Data, Decompress(withName));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(0.5)]
    [InlineData(-8)]
    [InlineData(-4)]
    [InlineData(-1)]
    public void A_truncated_file_throws_instead_of_ending_quietly(double cut)
    {
        var gz = Gzip(Data);
        var length = cut switch { >= 1 => (int)cut, > 0 => (int)(gz.Length * cut), _ => gz.Length + (int)cut };
        var e = Assert.Throws<InvalidDataException>(() => Decompress(gz[..length]));
        Assert.Contains("truncated or corrupt gzip", e.Message);
    }

    [Fact]
    public void A_corrupt_trailer_throws()
    {
        var gz = Gzip(Data);
        gz[^6] ^= 0xFF;
        Assert.Throws<InvalidDataException>(() => Decompress(gz));
    }

    [Fact]
    public void Plain_text_is_not_gzip()
    {
        var e = Assert.Throws<InvalidDataException>(() => Decompress(Data));
        Assert.Contains("not gzip", e.Message);
    }
}
