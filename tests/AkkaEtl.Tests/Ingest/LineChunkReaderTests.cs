using System.Text;
using AkkaEtl.Ingest;

namespace AkkaEtl.Tests.Ingest;

public class LineChunkReaderTests
{
    private static async Task<(List<(long No, string Text, LineFlag Flag)> Lines, ReadCounters Counters, int Chunks)> Read(byte[] data, LineReaderOptions? options = null)
    {
        var counters = new ReadCounters();
        var lines = new List<(long, string, LineFlag)>();
        var chunks = 0;
        await foreach (var chunk in LineChunkReader.ReadAsync(new MemoryStream(data), 0, options ?? new LineReaderOptions(), counters))
        {
            using (chunk)
            {
                chunks++;
                for (var i = 0; i < chunk.Count; i++) lines.Add((chunk.LineNumber(i), Encoding.UTF8.GetString(chunk.Line(i)), chunk.Flag(i)));
            }
        }
        return (lines, counters, chunks);
    }

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task Splits_LF_and_CRLF_and_keeps_a_last_line_without_newline()
    {
        var (lines, counters, _) = await Read(B("{\"a\":1}\r\n{\"b\":2}\n{\"c\":3}"));
        Assert.Equal(["{\"a\":1}", "{\"b\":2}", "{\"c\":3}"], lines.Select(l => l.Text));
        Assert.Equal([1L, 2, 3], lines.Select(l => l.No));
        Assert.Equal(3, counters.Lines);
        Assert.Equal(0, counters.BlankLines);
    }

    [Fact]
    public async Task Strips_a_UTF8_BOM_at_the_start_only()
    {
        var data = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(B("{\"a\":1}\n")).ToArray();
        var (lines, _, _) = await Read(data);
        Assert.Equal("{\"a\":1}", Assert.Single(lines).Text);
    }

    [Fact]
    public async Task Counts_blank_lines_without_emitting_them_and_keeps_line_numbers()
    {
        var (lines, counters, _) = await Read(B("a\n\n  \r\nb\n\n"));
        Assert.Equal([(1L, "a"), (4L, "b")], lines.Select(l => (l.No, l.Text)));
        Assert.Equal(2, counters.Lines);
        Assert.Equal(3, counters.BlankLines);
    }

    [Fact]
    public async Task Empty_input_has_no_lines()
    {
        var (lines, counters, chunks) = await Read([]);
        Assert.Empty(lines);
        Assert.Equal(0, chunks);
        Assert.Equal(0, counters.Lines);
    }

    [Fact]
    public async Task Lines_across_many_small_chunks_come_out_whole_and_in_order()
    {
        var sb = new StringBuilder();
        for (var i = 1; i <= 500; i++) sb.Append('{').Append(new string('x', i % 37)).Append(i).Append("}\n");
        var options = new LineReaderOptions { ChunkBytes = 64, MaxLinesPerChunk = 3, LineLimit = 1000 };
        var (lines, counters, chunks) = await Read(B(sb.ToString()), options);
        Assert.Equal(500, lines.Count);
        Assert.True(chunks >= 167, $"{chunks} chunks");
        for (var i = 1; i <= 500; i++)
        {
            Assert.Equal(i, lines[i - 1].No);
            Assert.Equal("{" + new string('x', i % 37) + i + "}", lines[i - 1].Text);
        }
        Assert.Equal(B(sb.ToString()).Length, counters.Bytes);
    }

    [Fact]
    public async Task A_line_longer_than_the_buffer_but_under_the_limit_grows_the_buffer()
    {
        var longLine = new string('y', 5000);
        var (lines, _, _) = await Read(B($"a\n{longLine}\nb"), new LineReaderOptions { ChunkBytes = 100, LineLimit = 10_000 });
        Assert.Equal(["a", longLine, "b"], lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal(LineFlag.None, l.Flag));
    }

    [Fact]
    public async Task A_line_over_the_limit_is_marked_too_long_with_its_beginning_and_the_rest_is_skipped()
    {
        var huge = "{\"id\":\"" + new string('z', 50_000) + "\"}";
        var options = new LineReaderOptions { ChunkBytes = 256, LineLimit = 1000, TooLongPrefix = 100 };
        var (lines, counters, _) = await Read(B($"{{\"id\":1}}\n{huge}\n{{\"id\":3}}\n"), options);
        Assert.Equal(3, lines.Count);
        Assert.Equal((1L, "{\"id\":1}", LineFlag.None), lines[0]);
        Assert.Equal(2, lines[1].No);
        Assert.Equal(LineFlag.TooLong, lines[1].Flag);
        Assert.Equal(huge[..100], lines[1].Text);
        Assert.Equal((3L, "{\"id\":3}", LineFlag.None), lines[2]);
        Assert.Equal(3, counters.Lines);
    }

    [Fact]
    public async Task A_too_long_last_line_without_newline_is_still_reported()
    {
        var options = new LineReaderOptions { ChunkBytes = 64, LineLimit = 200, TooLongPrefix = 10 };
        var (lines, _, _) = await Read(B("ok\n" + new string('q', 1000)), options);
        Assert.Equal(2, lines.Count);
        Assert.Equal(LineFlag.TooLong, lines[1].Flag);
    }

    [Fact]
    public async Task Invalid_UTF8_bytes_pass_through_for_the_extractor_to_reject()
    {
        var data = B("{\"id\":\"").Concat(new byte[] { 0xC3, 0x28 }).Concat(B("\"}\nnext\n")).ToArray();
        var counters = new ReadCounters();
        var seen = new List<byte[]>();
        await foreach (var chunk in LineChunkReader.ReadAsync(new MemoryStream(data), 0, new LineReaderOptions(), counters))
            using (chunk)
                for (var i = 0; i < chunk.Count; i++) seen.Add(chunk.Line(i).ToArray());
        Assert.Equal(2, seen.Count);
        Assert.Equal(new byte[] { 0xC3, 0x28 }, seen[0][7..9]);
    }
}
