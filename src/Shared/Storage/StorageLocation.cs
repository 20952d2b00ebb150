namespace AkkaEtl.Storage;

/// <summary>Where data lives, as written on the command line: a folder, or s3://bucket/prefix.</summary>
public sealed record StorageLocation(string Uri)
{
    public bool IsS3 => Uri.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);

    public string Bucket => IsS3 ? SplitS3().Bucket : throw new InvalidOperationException($"{Uri} is not an S3 location");
    public string Prefix => IsS3 ? SplitS3().Prefix : "";

    public static StorageLocation Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("empty location");
        var t = text.Trim();
        if (t.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = t[5..].Trim('/');
            if (rest.Length == 0) throw new ArgumentException($"'{text}' names no bucket");
            return new StorageLocation("s3://" + rest);
        }
        if (t.Contains("://", StringComparison.Ordinal)) throw new ArgumentException($"'{text}': only folders and s3:// locations are supported");
        return new StorageLocation(Path.GetFullPath(t));
    }

    private (string Bucket, string Prefix) SplitS3()
    {
        var rest = Uri[5..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..].Trim('/'));
    }

    public override string ToString() => Uri;
}
