namespace AkkaEtl.Features.Normalization;

/// <summary>
/// A location split into parts, each null where it could not be recognised. <see cref="Region"/> is the US state or
/// Canadian province code ("CA", "ON") for the US and Canada, otherwise the region as written; <see cref="Country"/>
/// is ISO 3166-1 alpha-2.
/// </summary>
public readonly record struct ParsedLocation(string? City, string? Region, string? Country)
{
    public bool IsEmpty => City is null && Region is null && Country is null;
}
