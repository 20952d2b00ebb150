namespace AkkaEtl.Hosting;

/// <summary>Seeds looked up by EC2 tag: the running instances tagged <c>TagKey=TagValue</c>, at <see cref="Port"/>.</summary>
public sealed record Ec2SeedOptions
{
    public const int DefaultPort = 4053;

    public required string TagKey { get; init; }
    public required string TagValue { get; init; }
    /// <summary>The remoting port of the tagged nodes.</summary>
    public int Port { get; init; } = DefaultPort;
    /// <summary>Only the first N instances in sorted order are seeds; null means all of them.</summary>
    public int? MaxSeeds { get; init; }

    /// <summary>Parses <c>key=value</c>.</summary>
    /// <exception cref="FormatException">Not key=value, or an empty key.</exception>
    public static (string Key, string Value) ParseTag(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0) throw new FormatException($"'{text}' is not key=value");
        return (text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    public override string ToString() =>
        $"EC2 instances tagged {TagKey}={TagValue}, port {Port}{(MaxSeeds is { } m ? $", first {m}" : "")}";
}
