namespace AkkaEtl.Glue;

/// <summary>An <c>s3://bucket/prefix/</c> table location, always ending in '/', and the folder of each day under it.</summary>
public sealed record S3TableLocation
{
    private S3TableLocation(string uri) => Uri = uri;

    /// <summary>The location with its trailing slash: <c>s3://bucket/prefix/table/</c>.</summary>
    public string Uri { get; }

    public static S3TableLocation Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        const string scheme = "s3://";
        if (!location.StartsWith(scheme, StringComparison.Ordinal))
            throw new ArgumentException($"table location '{location}' must start with {scheme}");
        var rest = location[scheme.Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length is < 3 or > 63 || !bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
            throw new ArgumentException($"table location '{location}' has no valid bucket name");
        // Quotes, backslashes and control characters would need escaping in DDL string literals: refuse them.
        if (location.Any(c => char.IsControl(c) || c is '\'' or '\\' or '`') || rest.Contains("//", StringComparison.Ordinal))
            throw new ArgumentException($"table location '{location}' holds characters or empty folders a location cannot have");
        return new S3TableLocation(location.EndsWith('/') ? location : location + "/");
    }

    /// <summary>The folder of one day: <c>s3://bucket/prefix/table/day_partition=2024-01-31/</c>.</summary>
    public string Partition(string day) => $"{Uri}{GlueTableDefinition.PartitionColumn}={day}/";

    /// <summary>The template Athena's partition projection fills in: <c>.../day_partition=${day_partition}/</c>.</summary>
    public string ProjectionTemplate => $"{Uri}{GlueTableDefinition.PartitionColumn}=${{{GlueTableDefinition.PartitionColumn}}}/";

    public override string ToString() => Uri;
}
