using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.CodeOwners;

/// <summary>Where each setting of <c>registry.yml</c> is, so that an error in one can name its line.</summary>
public static class SettingsPositions
{
    /// <summary>The positions of <c>registry.yml</c>'s keys and list items; null when the file is absent or unreadable
    /// (the loader has already reported why).</summary>
    public static SourceMap? Read(string root)
    {
        var path = Path.Combine(root, RegistryLoader.SettingsFile);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.LinkTarget is not null || info.Length > 1024 * 1024) return null;
            var ignored = new DiagnosticBag();
            if (YamlTreeReader.Read(File.ReadAllText(path), RegistryLoader.SettingsFile, 0, ignored) is not YMapping mapping) return null;
            var map = new SourceMap(SourcePosition.Start);
            FrontMatterBinder.Bind<RegistrySettings>(mapping, RegistryLoader.SettingsFile, map, ignored);
            return map;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
