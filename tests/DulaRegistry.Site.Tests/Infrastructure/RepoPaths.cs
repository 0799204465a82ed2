namespace DulaRegistry.Site.Tests.Infrastructure;

/// <summary>Paths in the repository checkout the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder that holds <c>RegistryTool.sln</c>.</summary>
    public static string Root => s_root.Value;

    /// <summary>The fixture registry every site test builds.</summary>
    public static string FixtureRegistry => Path.Combine(Root, "tests", "fixtures", "site-registry");

    /// <summary>The expected output of building <see cref="FixtureRegistry"/> (without <c>assets/vendor/</c>).</summary>
    public static string Golden => Path.Combine(Root, "tests", "fixtures", "site-golden");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RegistryTool.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"RegistryTool.sln not found above {AppContext.BaseDirectory}");
    }
}
