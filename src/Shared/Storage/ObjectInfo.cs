namespace AkkaEtl.Storage;

/// <summary>An object in a store. <see cref="Version"/> is the ETag on S3 and size+mtime locally: it changes when the content does.</summary>
public sealed record ObjectInfo(string Key, long Size, string Version, DateTimeOffset LastModified);

public sealed class ObjectNotFoundException(string location) : IOException($"{location} does not exist")
{
    public string Location { get; } = location;
}
