using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>Copies every embedded <c>assets/…</c> resource of the site assembly to its output path (<see cref="SiteUrls.AssetPath"/>);
/// an incremental build leaves the site's copies that have the same bytes as they are (<see cref="OutputWriter.WriteIfChanged"/>).</summary>
public sealed class CopyAssets : IBuildStep<SiteTarget, WrittenFiles>
{
    /// <summary>How the site project names its embedded assets (the csproj's <c>LogicalName</c>s).</summary>
    public const string Prefix = "assets/";

    public string Description => "Copying assets";

    public Task<WrittenFiles> RunAsync(SiteTarget target, CancellationToken cancellationToken)
    {
        var assembly = typeof(CopyAssets).Assembly;
        var files = new List<OutputFile>();
        // One buffer for every asset, grown to the largest (a few hundred kilobytes of fonts): not an array per asset, each
        // grown by doubling, which at 3 MB in all was the largest of an incremental build's large objects after the postings.
        var buffer = Array.Empty<byte>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var relative = SiteUrls.AssetPath(name[Prefix.Length..].Replace('\\', '/'));
            if (!OutputWriter.IsInside(relative)) continue; // never write outside assets/
            using var stream = assembly.GetManifestResourceStream(name)!;
            var length = checked((int)stream.Length);
            if (buffer.Length < length) buffer = new byte[Math.Max(length, 2 * buffer.Length)];
            stream.ReadExactly(buffer, 0, length);
            // Compared with the site's copy, not trusted to be the same: an asset edited or damaged in the site is put right.
            files.Add(OutputWriter.WriteIfChanged(target, relative, buffer.AsSpan(0, length), OutputKind.Asset));
        }
        return Task.FromResult(WrittenFiles.Of(files));
    }

    public string? Summarize(SiteTarget target, WrittenFiles written) => $"{written.Files.Count:N0} files";
}
