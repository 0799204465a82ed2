using DulaRegistry.Git;
using DulaRegistry.Loading;
using DulaRegistry.Signing;

namespace DulaRegistry.Publishing;

/// <summary>
/// Everything a publish adds to the site, computed from HEAD through the Git layer and signed: the manifest and its signature,
/// the signed checkpoint, one inclusion proof per executed agreement, the log's entries and the public key. The signing key is
/// used here and never kept in anything this returns.
/// </summary>
public sealed class Publication
{
    private Publication(Manifest manifest, byte[] manifestBytes, byte[] signature, string checkpoint, VerifyingKey publicKey,
        ExecutedLog log, IReadOnlyDictionary<string, string> proofs)
    {
        Manifest = manifest;
        ManifestBytes = manifestBytes;
        Signature = signature;
        Checkpoint = checkpoint;
        PublicKey = publicKey;
        Log = log;
        Proofs = proofs;
    }

    public Manifest Manifest { get; }

    /// <summary>The exact bytes of <c>registry.json</c>, which <see cref="Signature"/> covers.</summary>
    public byte[] ManifestBytes { get; }

    /// <summary>The raw 64-byte Ed25519 signature over <see cref="ManifestBytes"/> (what <c>openssl pkeyutl -rawin</c> checks).</summary>
    public byte[] Signature { get; }

    /// <summary>The signed note <c>log/checkpoint</c>.</summary>
    public string Checkpoint { get; }

    public VerifyingKey PublicKey { get; }

    public ExecutedLog Log { get; }

    /// <summary>The C2SP tlog-proof text for each executed agreement, by id.</summary>
    public IReadOnlyDictionary<string, string> Proofs { get; }

    /// <summary>
    /// Computes the publication of HEAD of the registry at <paramref name="root"/>.
    /// </summary>
    /// <exception cref="PublishException">not a whole Git history, or the work tree differs from HEAD.</exception>
    /// <exception cref="AppendOnlyException">the new log does not extend <paramref name="previous"/>.</exception>
    /// <param name="nextKey">During a key rotation, the next key: it adds a second signature line to the checkpoint.</param>
    public static Publication Create(string root, string registryName, string origin, SigningKey key, Manifest? previous, long maxFileBytes,
        SigningKey? nextKey = null)
    {
        RegistryRepository repository;
        try
        {
            repository = RegistryRepository.Open(root);
        }
        catch (GitException ex)
        {
            throw new PublishException($"{ex.Explanation}; a registry is published from a Git checkout of its whole history");
        }
        using (repository)
        {
            GitCommit head;
            try
            {
                head = repository.ResolveCommit("HEAD");
            }
            catch (GitException ex)
            {
                throw new PublishException($"HEAD has no commit ({ex.Message}); commit the registry, then publish");
            }
            WorkTreeCheck.ThrowIfDifferent(repository, head, root, maxFileBytes);
            var snapshot = RegistrySnapshot.Read(repository, head, maxFileBytes);
            var log = ExecutedLog.Read(repository, maxFileBytes);

            ManifestConsistency? consistency = null;
            if (previous is not null)
            {
                var problems = AppendOnly.Problems(previous, AppendOnly.Of(log));
                if (problems.Count == 0 && !MerkleTree.Root([.. log.LeafHashes.Take((int)previous.LogSize)]).AsSpan().SequenceEqual(previous.LogRoot))
                {
                    problems = ["the previous manifest's log root does not match the entries it lists; it is damaged or was not written by this tool"];
                }
                if (problems.Count > 0) throw new AppendOnlyException(problems);
                // An empty log is a prefix of every log: there is nothing to prove.
                if (previous.LogSize > 0)
                {
                    consistency = new ManifestConsistency(previous.LogSize, previous.LogRoot, MerkleTree.ConsistencyProof(log.LeafHashes, previous.LogSize));
                }
            }

            var manifest = new Manifest(
                registryName, origin, head.Sha, head.Date,
                [.. snapshot.Agreements.Select(a => new ManifestAgreement(a.Id, a.Status, a.Path, a.Sha256))],
                [.. snapshot.Agencies.Select(a => new ManifestAgency(a.Id, a.Sha256))],
                log.Size, log.Root,
                [.. log.Entries.Select(e => new ManifestEntry(e.Index, e.Id, e.Commit, e.Sha256, e.LeafHash))],
                consistency);
            var bytes = manifest.ToBytes();
            var checkpoint = SignedNote.Sign(new Checkpoint(origin, log.Size, log.Root).Body, origin, key);
            // Key rotation: during the overlap the checkpoint (and so every proof) carries a second line, by the next key.
            if (nextKey is not null) checkpoint = SignedNote.AddSignature(checkpoint, origin, nextKey);
            var proofs = log.Entries.ToDictionary(
                e => e.Id,
                e => new TlogProof(e.Index, MerkleTree.InclusionProof(log.LeafHashes, e.Index), checkpoint).Format(),
                StringComparer.Ordinal);
            return new Publication(manifest, bytes, key.Sign(bytes), checkpoint, key.Public, log, proofs);
        }
    }

    /// <summary>The previous manifest given as the last published output folder or its <c>registry.json</c>.</summary>
    /// <exception cref="ManifestException">missing or not a manifest.</exception>
    public static Manifest ReadPrevious(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, Manifest.FileName) : path;
        if (!File.Exists(file))
        {
            throw new ManifestException($"'{Path.GetFullPath(file)}' does not exist; give --previous the last published output folder or its {Manifest.FileName} (leave it out for the first publish)");
        }
        return Manifest.Parse(File.ReadAllBytes(file), file);
    }
}

/// <summary>The new log is not an append-only extension of the published one; <see cref="Problems"/> name each agreement.</summary>
public sealed class AppendOnlyException(IReadOnlyList<string> problems)
    : Exception("the new log does not extend the published one: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
