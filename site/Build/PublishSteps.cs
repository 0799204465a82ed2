using System.Collections.Frozen;
using DulaRegistry.Publishing;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Build;

/// <summary>
/// The steps <c>registry publish</c> adds to the build: the publication is computed and signed before the build starts, then
/// shown on the site and written into the same staging folder, so it is swapped in with the site or not at all.
/// </summary>
public static class PublishSteps
{
    /// <summary>The publication's steps: shown after the site model is built, written before the swap.</summary>
    public static BuildAdditions For(Publication publication) => new([new ShowPublication(publication)], [new WritePublication(publication)]);
}

/// <summary>Gives the site model the publication, so the footer links the verify page, which is rendered, and agreements link their proofs.</summary>
public sealed class ShowPublication(Publication publication) : IBuildStep<SiteContent, SiteContent>
{
    public string Description => "Adding the signed publication to the site";

    public Task<SiteContent> RunAsync(SiteContent content, CancellationToken cancellationToken)
    {
        var view = new PublicationView(
            publication.PublicKey.Fingerprint,
            publication.Manifest.Origin,
            publication.Log.Size,
            Convert.ToBase64String(publication.Log.Root),
            publication.Manifest.Commit,
            publication.Manifest.CommitDate,
            publication.Log.Entries.ToFrozenDictionary(e => e.Id, e => e.Index, StringComparer.Ordinal));
        return Task.FromResult(content with { Site = content.Site with { Publication = view } });
    }

    public string? Summarize(SiteContent before, SiteContent after) => $"log of {publication.Log.Size:N0} executed agreements";
}

/// <summary>
/// Writes registry.json and its signature, the public key, the signed checkpoint, every inclusion proof and every log entry's
/// executed bytes. Never the signing key: the publication does not hold it.
/// </summary>
public sealed class WritePublication(Publication publication) : IBuildStep<SiteTarget, WrittenFiles>
{
    public string Description => "Writing the signed manifest and the log";

    public Task<WrittenFiles> RunAsync(SiteTarget target, CancellationToken cancellationToken)
    {
        var staging = target.Staging;
        var files = new List<OutputFile>
        {
            OutputWriter.Write(staging, SiteUrls.ManifestPath, publication.ManifestBytes, OutputKind.Export),
            OutputWriter.Write(staging, SiteUrls.SignaturePath, publication.Signature, OutputKind.Export),
            OutputWriter.Write(staging, SiteUrls.PublicKeyPath, publication.PublicKey.Pem, OutputKind.Export),
            OutputWriter.Write(staging, SiteUrls.CheckpointPath, publication.Checkpoint, OutputKind.Export),
        };
        foreach (var entry in publication.Log.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            files.Add(OutputWriter.Write(staging, SiteUrls.ProofPath(entry.Id), publication.Proofs[entry.Id], OutputKind.Export));
            files.Add(OutputWriter.Write(staging, SiteUrls.LogEntryPath(entry.Index), entry.Bytes, OutputKind.Export));
        }
        return Task.FromResult(WrittenFiles.Of(files));
    }

    public string? Summarize(SiteTarget target, WrittenFiles written) => $"{written.Files.Count:N0} files";
}
