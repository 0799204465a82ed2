namespace DulaRegistry.Tests;

/// <summary>Paths in the repository checkout the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder that holds <c>RegistryTool.sln</c>.</summary>
    public static string Root => s_root.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RegistryTool.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("RegistryTool.sln not found above " + AppContext.BaseDirectory);
    }
}
