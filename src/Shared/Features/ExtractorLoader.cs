using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using AkkaEtl.Features.Mapping;
using AkkaEtl.Messages;

namespace AkkaEtl.Features;

/// <summary>An extractor and the table schema it declares.</summary>
public sealed record LoadedExtractor(IFeatureExtractor Extractor, FeatureSchema Schema, ExtractorSpec Spec)
{
    public string? KeyColumn => Extractor.KeyColumn;
}

/// <summary>
/// Builds the extractor an <see cref="ExtractorSpec"/> names, once per process: the built-in with its mapping, or a
/// user type loaded from the configured assembly path only.
/// </summary>
public static class ExtractorLoader
{
    private static readonly ConcurrentDictionary<ExtractorSpec, Lazy<LoadedExtractor>> Cache = new();

    public static LoadedExtractor Get(ExtractorSpec spec) =>
        Cache.GetOrAdd(spec, s => new Lazy<LoadedExtractor>(() => Load(s))).Value;

    /// <summary>Parses <c>path/to/My.dll:My.Namespace.MyExtractor</c>.</summary>
    public static ExtractorSpec ParseUserSpec(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw new ExtractorLoadException($"'{text}' is not ASSEMBLY.dll:Namespace.Type");
        var path = Path.GetFullPath(text[..colon]);
        return new ExtractorSpec(null, null, path, text[(colon + 1)..]);
    }

    public static ExtractorSpec BuiltIn(string? mappingPath)
    {
        if (mappingPath is null) return ExtractorSpec.BuiltIn;
        var mapping = FieldMapping.Load(mappingPath); // validates now, on the submitting side
        var text = File.ReadAllText(mappingPath);
        var yaml = Path.GetExtension(mappingPath).Equals(".json", StringComparison.OrdinalIgnoreCase) ? null : text;
        return new ExtractorSpec(mapping.Name, yaml ?? text, null, null);
    }

    private static LoadedExtractor Load(ExtractorSpec spec)
    {
        IFeatureExtractor extractor = spec.IsBuiltIn
            ? new JobFeatureExtractor(spec.MappingYaml is null ? null : ParseMapping(spec))
            : LoadUserType(spec.AssemblyPath!, spec.TypeName!);
        return new LoadedExtractor(extractor, new FeatureSchema(extractor.Columns), spec);
    }

    private static FieldMapping ParseMapping(ExtractorSpec spec)
    {
        var text = spec.MappingYaml!;
        return text.TrimStart().StartsWith('{')
            ? FieldMapping.FromJson(spec.MappingName ?? "mapping", text)
            : FieldMapping.FromYaml(spec.MappingName ?? "mapping", text);
    }

    private static IFeatureExtractor LoadUserType(string assemblyPath, string typeName)
    {
        if (!File.Exists(assemblyPath)) throw new ExtractorLoadException($"extractor assembly {assemblyPath} not found");
        Assembly assembly;
        try
        {
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(assemblyPath);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw new ExtractorLoadException($"{assemblyPath} is not a loadable .NET assembly: {e.Message}");
        }
        // The extractor's own dependencies come from beside it; AkkaEtl's are already loaded and shared.
        var resolver = new AssemblyDependencyResolver(assemblyPath);
        AssemblyLoadContext.Default.Resolving += (ctx, name) =>
            resolver.ResolveAssemblyToPath(name) is { } p ? ctx.LoadFromAssemblyPath(p) : null;

        var type = assembly.GetType(typeName, throwOnError: false)
                   ?? throw new ExtractorLoadException($"type {typeName} not found in {assemblyPath}");
        if (!typeof(IFeatureExtractor).IsAssignableFrom(type))
            throw new ExtractorLoadException($"type {typeName} in {assemblyPath} does not implement {typeof(IFeatureExtractor).FullName}");
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
            throw new ExtractorLoadException($"type {typeName} in {assemblyPath} needs a public parameterless constructor");
        try
        {
            return (IFeatureExtractor)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e)
        {
            throw new ExtractorLoadException($"constructing {typeName} failed: {e.InnerException?.Message ?? e.Message}");
        }
    }
}

public sealed class ExtractorLoadException(string message) : Exception(message);
