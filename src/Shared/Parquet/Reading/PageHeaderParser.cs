using Parquet.Meta;
using Encoding = Parquet.Meta.Encoding;

namespace AkkaEtl.Parquet.Reading;

/// <summary>What a page header says that decoding needs: its type, sizes, value count and encodings.</summary>
internal readonly record struct PageInfo(
    PageType Type, int UncompressedSize, int CompressedSize, int ValueCount, Encoding Encoding,
    Encoding DefinitionEncoding, Encoding RepetitionEncoding, int HeaderLength);

/// <summary>
/// Parses a Thrift <c>PageHeader</c> (parquet.thrift field ids) without building Parquet.Net's object model: the
/// fields of data pages v1 and dictionary pages are read, everything else skipped. A data page v2 or index page is
/// reported by its type only; the caller refuses it.
/// </summary>
internal static class PageHeaderParser
{
    public static PageInfo Parse(ReadOnlySpan<byte> bytes)
    {
        var r = new ThriftCompactReader(bytes);
        PageType? type = null;
        int uncompressed = -1, compressed = -1, count = -1;
        Encoding encoding = Encoding.PLAIN, definition = Encoding.RLE, repetition = Encoding.RLE;
        short id = 0;
        while (r.NextField(ref id, out var t))
        {
            switch (id)
            {
                case 1 when t == ThriftCompactType.I32: type = (PageType)r.ReadI32(); break;
                case 2 when t == ThriftCompactType.I32: uncompressed = r.ReadI32(); break;
                case 3 when t == ThriftCompactType.I32: compressed = r.ReadI32(); break;
                case 5 when t == ThriftCompactType.Struct: ReadDataPageHeader(ref r, ref count, ref encoding, ref definition, ref repetition); break;
                case 7 when t == ThriftCompactType.Struct: ReadDictionaryPageHeader(ref r, ref count, ref encoding); break;
                default: r.Skip(t); break;
            }
        }
        if (type is null || uncompressed < 0 || compressed < 0)
            throw new InvalidDataException("a page header without type or sizes");
        return new PageInfo(type.Value, uncompressed, compressed, count, encoding, definition, repetition, r.Position);
    }

    private static void ReadDataPageHeader(ref ThriftCompactReader r, ref int count, ref Encoding encoding, ref Encoding definition, ref Encoding repetition)
    {
        short id = 0;
        while (r.NextField(ref id, out var t))
        {
            switch (id)
            {
                case 1 when t == ThriftCompactType.I32: count = r.ReadI32(); break;
                case 2 when t == ThriftCompactType.I32: encoding = (Encoding)r.ReadI32(); break;
                case 3 when t == ThriftCompactType.I32: definition = (Encoding)r.ReadI32(); break;
                case 4 when t == ThriftCompactType.I32: repetition = (Encoding)r.ReadI32(); break;
                default: r.Skip(t); break;
            }
        }
    }

    private static void ReadDictionaryPageHeader(ref ThriftCompactReader r, ref int count, ref Encoding encoding)
    {
        short id = 0;
        while (r.NextField(ref id, out var t))
        {
            switch (id)
            {
                case 1 when t == ThriftCompactType.I32: count = r.ReadI32(); break;
                case 2 when t == ThriftCompactType.I32: encoding = (Encoding)r.ReadI32(); break;
                default: r.Skip(t); break;
            }
        }
    }
}
