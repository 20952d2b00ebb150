namespace AkkaEtl.Tests;

/// <summary>Where the repository and the shared folder beside it are, wherever the tests run from.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared folder beside the project (spec and real data).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Spec(string name) => Path.Combine(Shared, "spec", name);

    public static string RealJobsRaw => Path.Combine(Shared, "data", "jobs-real", "raw");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AkkaEtl.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("AkkaEtl.sln not found above " + AppContext.BaseDirectory);
    }
}
