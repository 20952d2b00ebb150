namespace AkkaEtl.Parquet;

/// <summary>The Thrift compact protocol's type ids, for the footer writer and the page-header reader alike.</summary>
public static class ThriftCompactType
{
    public const byte Stop = 0;
    public const byte BooleanTrue = 1;
    public const byte BooleanFalse = 2;
    public const byte Byte = 3;
    public const byte I16 = 4;
    public const byte I32 = 5;
    public const byte I64 = 6;
    public const byte Double = 7;
    public const byte Binary = 8;
    public const byte List = 9;
    public const byte Set = 10;
    public const byte Map = 11;
    public const byte Struct = 12;
}
