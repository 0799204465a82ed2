namespace DulaRegistry.Tests;

/// <summary>Every file under a folder, by relative path (forward slashes), with its bytes: to prove two folders the same byte for byte.</summary>
internal static class FolderSnapshot
{
    public static SortedDictionary<string, byte[]> Of(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);

    /// <summary>The folder holds exactly the files of <paramref name="expected"/>, each with the same bytes.</summary>
    public static void ShouldMatch(IReadOnlyDictionary<string, byte[]> expected, string folder)
    {
        var actual = Of(folder);
        actual.Keys.ShouldBe(expected.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in expected) actual[path].AsSpan().SequenceEqual(bytes).ShouldBeTrue($"{path} differs");
    }

    /// <summary>The two folders hold the same files with the same bytes.</summary>
    public static void ShouldMatch(string expectedFolder, string folder) => ShouldMatch(Of(expectedFolder), folder);
}
