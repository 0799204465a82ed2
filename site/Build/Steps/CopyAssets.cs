using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>Copies every embedded <c>assets/…</c> resource of the site assembly to its output path (<see cref="SiteUrls.AssetPath"/>);
/// an incremental build leaves the site's copies as they are (<see cref="OutputWriter.Unchanged"/>).</summary>
public sealed class CopyAssets : IBuildStep
{
    /// <summary>How the site project names its embedded assets (the csproj's <c>LogicalName</c>s).</summary>
    public const string Prefix = "assets/";

    public string Description => "Copying assets";

    public Task<BuildState> RunAsync(BuildState state, CancellationToken cancellationToken)
    {
        var assembly = typeof(CopyAssets).Assembly;
        var files = new List<OutputFile>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var relative = SiteUrls.AssetPath(name[Prefix.Length..].Replace('\\', '/'));
            if (!OutputWriter.IsInside(relative)) continue; // never write outside assets/
            if (OutputWriter.Unchanged(state, relative, OutputKind.Asset) is { } kept)
            {
                files.Add(kept);
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files.Add(OutputWriter.Write(state.RequireStaging, relative, buffer.ToArray(), OutputKind.Asset));
        }
        return Task.FromResult(state.AddFiles(files));
    }

    public string? Summarize(BuildState before, BuildState after) => $"{after.Files.Count - before.Files.Count:N0} files";
}
