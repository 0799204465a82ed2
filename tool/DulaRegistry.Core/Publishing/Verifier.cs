using System.Text;
using DulaRegistry.Git;
using DulaRegistry.Loading;
using DulaRegistry.Signing;

namespace DulaRegistry.Publishing;

/// <summary>What a verification found: one plain sentence per failure, and what was checked and held.</summary>
public sealed record VerifyReport(IReadOnlyList<string> Failures, IReadOnlyList<string> Checked)
{
    public bool Holds => Failures.Count == 0;
}

/// <summary>The input cannot be verified at all (a file missing, not a manifest or not a proof): the message says which.</summary>
public sealed class VerifyInputException(string message) : Exception(message);

/// <summary>
/// Checks a published registry without trusting whoever serves it: the manifest's signature, its files against a checkout, its
/// log against the checkout's history and against a previously published log, and a single agreement's inclusion proof.
/// </summary>
public static class Verifier
{
    /// <summary>
    /// The manifest's signature by <paramref name="key"/>; the log's own consistency (entries and root); with
    /// <paramref name="root"/>, the listed files and the log against that checkout; with <paramref name="previous"/>, that the
    /// log extends the previous one.
    /// </summary>
    /// <exception cref="VerifyInputException">the manifest is signed but not readable, or the checkout is not a Git repository.</exception>
    public static VerifyReport Manifest(byte[] manifestBytes, byte[] signature, VerifyingKey key, string? root = null, Manifest? previous = null)
    {
        var failures = new List<string>();
        var checks = new List<string>();
        if (signature.Length != 64)
        {
            failures.Add($"the signature is {signature.Length} bytes long, but an Ed25519 signature is 64 bytes: it is truncated or not a signature of registry.json");
        }
        else if (!key.Verify(manifestBytes, signature))
        {
            failures.Add($"the signature does not verify with the key {key.Fingerprint}: registry.json was changed after it was signed, or it was signed with another key");
        }
        else
        {
            checks.Add($"signature by {key.Fingerprint}");
        }

        Manifest manifest;
        try
        {
            manifest = Publishing.Manifest.Parse(manifestBytes, "the manifest");
        }
        catch (ManifestException ex)
        {
            // A manifest whose signature failed may be damaged anywhere; the signature failure already says so.
            if (failures.Count > 0) return new VerifyReport(failures, checks);
            throw new VerifyInputException(ex.Message);
        }

        CheckLogShape(manifest, failures, checks);
        if (root is not null) CheckCheckout(manifest, root, failures, checks);
        if (previous is not null) CheckExtends(manifest, previous, failures, checks);
        return new VerifyReport(failures, checks);
    }

    /// <summary>
    /// That <paramref name="file"/> is the entry at the proof's index of the log under the proof's checkpoint, and that the
    /// checkpoint is signed by <paramref name="key"/> under <paramref name="origin"/> (default: the checkpoint's own origin line).
    /// </summary>
    /// <exception cref="VerifyInputException">the proof is not a tlog-proof.</exception>
    public static VerifyReport Proof(string proofText, VerifyingKey key, byte[] file, string fileName, string? origin = null)
    {
        TlogProof proof;
        try
        {
            proof = TlogProof.Parse(proofText);
        }
        catch (TlogProofException ex)
        {
            throw new VerifyInputException($"the proof is not a C2SP tlog-proof ({ex.Message.TrimEnd('.')}); give the .tlog-proof file the registry published");
        }
        var failures = new List<string>();
        var checks = new List<string>();
        var noteOrigin = proof.CheckpointNote.Split('\n', 2)[0];
        var keyName = origin ?? noteOrigin;
        if (origin is not null && noteOrigin != origin)
        {
            failures.Add($"the proof's checkpoint is for the log '{noteOrigin}', not '{origin}'");
            return new VerifyReport(failures, checks);
        }
        if (VerifiedBody(proof.CheckpointNote, keyName, key) is not { } body)
        {
            failures.Add($"the proof's checkpoint carries no valid signature by the key {key.Fingerprint} under the name '{keyName}': it is unsigned, altered, or signed by another key");
            return new VerifyReport(failures, checks);
        }
        checks.Add($"checkpoint of '{keyName}' signed by {key.Fingerprint}");
        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.ParseBody(body);
        }
        catch (CheckpointException ex)
        {
            failures.Add($"the signed checkpoint is not a tlog-checkpoint ({ex.Message.TrimEnd('.')})");
            return new VerifyReport(failures, checks);
        }
        if (proof.Index < 0 || proof.Index >= checkpoint.Size)
        {
            failures.Add($"the proof's index {proof.Index} is outside the log, which has {checkpoint.Size} entries");
        }
        else if (!MerkleTree.VerifyInclusion(MerkleTree.LeafHash(file), proof.Index, checkpoint.Size, proof.Path, checkpoint.Root))
        {
            failures.Add($"{fileName} is not entry {proof.Index} of the log of size {checkpoint.Size}: it is another file, or it was changed after it was executed");
        }
        else
        {
            checks.Add($"{fileName} is entry {proof.Index} of {checkpoint.Size} (root {Convert.ToBase64String(checkpoint.Root)})");
        }
        return new VerifyReport(failures, checks);
    }

    /// <summary>The note's body when signed by the key; null for any note that is not, malformed ones included.</summary>
    private static string? VerifiedBody(string note, string keyName, VerifyingKey key)
    {
        try
        {
            return SignedNote.VerifiedBody(note, keyName, key);
        }
        catch (ArgumentException)
        {
            return null; // defensive: a malformed note is simply not verified (a note without signature lines once threw here)
        }
    }

    /// <summary>The entries are numbered 0…size-1, and their leaf hashes give the root the manifest states.</summary>
    private static void CheckLogShape(Manifest manifest, List<string> failures, List<string> checks)
    {
        var before = failures.Count;
        if (manifest.Entries.Count != manifest.LogSize)
        {
            failures.Add($"the manifest lists {manifest.Entries.Count} log entries but says the log has {manifest.LogSize}");
        }
        for (var i = 0; i < manifest.Entries.Count; i++)
        {
            if (manifest.Entries[i].Index != i) failures.Add($"log entry {i} ({manifest.Entries[i].Id}) is numbered {manifest.Entries[i].Index}");
        }
        if (!MerkleTree.Root([.. manifest.Entries.Select(e => e.LeafHash)]).AsSpan().SequenceEqual(manifest.LogRoot))
        {
            failures.Add("the log's root is not the Merkle root of the entries the manifest lists");
        }
        if (failures.Count == before) checks.Add($"log of {manifest.LogSize} entries has root {Convert.ToBase64String(manifest.LogRoot)}");
    }

    private static void CheckCheckout(Manifest manifest, string root, List<string> failures, List<string> checks)
    {
        RegistryRepository repository;
        try
        {
            repository = RegistryRepository.Open(root);
        }
        catch (GitException ex)
        {
            throw new VerifyInputException($"{ex.Explanation}; --root must be a Git checkout of the registry with its whole history");
        }
        using (repository)
        {
            var maxFileBytes = RegistryLoader.MaxFileBytesCeiling;
            GitCommit? commit = null;
            try
            {
                commit = repository.ResolveCommit(manifest.Commit);
            }
            catch (GitException)
            {
                failures.Add($"the manifest's commit {manifest.Commit} is not in the checkout's history: main was rewritten after publishing, or the checkout is incomplete (git fetch --unshallow)");
            }
            if (commit is not null) CheckFiles(manifest, repository, commit, root, maxFileBytes, failures, checks);
            CheckLog(manifest, repository, maxFileBytes, failures, checks);
        }
    }

    /// <summary>Every listed file hashes as listed at the manifest's commit, and on disk when the checkout is at that commit.</summary>
    private static void CheckFiles(Manifest manifest, RegistryRepository repository, GitCommit commit, string root, long maxFileBytes,
        List<string> failures, List<string> checks)
    {
        var before = failures.Count;
        var listed = manifest.Agreements.Select(a => (Label: $"agreement {a.Id}", a.Path, a.Sha256))
            .Concat(manifest.Agencies.Select(a => (Label: $"agency {a.Id}", Path: $"{RegistryLoader.AgenciesFolder}/{a.Id}.md", a.Sha256)))
            .ToList();
        var checkedOut = repository.ResolveCommit("HEAD").Sha == commit.Sha;
        foreach (var (label, path, sha256) in listed)
        {
            byte[]? bytes;
            try
            {
                bytes = repository.ReadFile(commit, path, maxFileBytes);
            }
            catch (GitException)
            {
                bytes = null;
            }
            if (bytes is null)
            {
                failures.Add($"{label}: {path} is not in commit {commit.ShortSha}, but the manifest lists it");
                continue;
            }
            var actual = RegistrySnapshot.Hash(bytes);
            if (actual != sha256)
            {
                failures.Add($"{label}: {path} at commit {commit.ShortSha} has SHA-256 {actual}, but the manifest lists {sha256}");
                continue;
            }
            // The checkout is at the manifest's commit: the files on disk are what a reader sees, so they must match too.
            var full = Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));
            if (checkedOut && (!File.Exists(full) || RegistrySnapshot.Hash(File.ReadAllBytes(full)) != sha256))
            {
                failures.Add($"{label}: {path} in the checkout differs from the published version (SHA-256 {sha256}); it was edited after publishing");
            }
        }
        foreach (var name in repository.FileNamesAt(commit, RegistryLoader.AgreementsFolder))
        {
            var path = $"{RegistryLoader.AgreementsFolder}/{name}";
            if (!manifest.Agreements.Any(a => a.Path == path)) failures.Add($"agreement {name[..^3]}: {path} is in commit {commit.ShortSha} but the manifest does not list it");
        }
        if (failures.Count == before) checks.Add($"{listed.Count} files match commit {commit.ShortSha}{(checkedOut ? " and the checkout" : "")}");
    }

    /// <summary>The log recomputed from the checkout's history starts with the manifest's log, entry for entry.</summary>
    private static void CheckLog(Manifest manifest, RegistryRepository repository, long maxFileBytes, List<string> failures, List<string> checks)
    {
        ExecutedLog log;
        try
        {
            log = ExecutedLog.Read(repository, maxFileBytes);
        }
        catch (PublishException ex)
        {
            throw new VerifyInputException(ex.Message);
        }
        var before = failures.Count;
        for (var i = 0; i < manifest.Entries.Count; i++)
        {
            var listed = manifest.Entries[i];
            var recomputed = i < log.Entries.Count ? log.Entries[i] : null;
            if (recomputed is not null && recomputed.Id == listed.Id && recomputed.Sha256 == listed.Sha256 && recomputed.Commit == listed.Commit) continue;
            var actual = log.Find(listed.Id);
            failures.Add(actual is null
                ? $"agreement {listed.Id} (log entry {i}): the checkout's history never has it executed"
                : actual.Sha256 != listed.Sha256
                    ? $"agreement {listed.Id} (log entry {i}): as executed in the checkout's history (commit {actual.Commit[..12]}) its SHA-256 is {actual.Sha256}, but the manifest lists {listed.Sha256}; the executed text was altered"
                    : actual.Index != i
                        ? $"agreement {listed.Id} (log entry {i}): the checkout's history puts it at entry {actual.Index}; the log was reordered"
                        : $"agreement {listed.Id} (log entry {i}): the checkout's history has it executed at commit {actual.Commit[..12]}, the manifest at {listed.Commit[..Math.Min(12, listed.Commit.Length)]}; main's history was rewritten");
        }
        if (failures.Count == before) checks.Add($"the {manifest.Entries.Count} log entries match the checkout's history");
    }

    private static void CheckExtends(Manifest manifest, Manifest previous, List<string> failures, List<string> checks)
    {
        var before = failures.Count;
        foreach (var problem in AppendOnly.Problems(previous, AppendOnly.Of(manifest))) failures.Add(problem);
        if (previous.LogSize > manifest.LogSize) return; // already reported: nothing to prove
        if (previous.LogSize == 0)
        {
            // The empty log is a prefix of every log.
        }
        else if (previous.LogSize == manifest.LogSize)
        {
            if (!previous.LogRoot.AsSpan().SequenceEqual(manifest.LogRoot)) failures.Add("the log has the same size as before but a different root");
        }
        else if (manifest.Consistency is not { } consistency || consistency.OldSize != previous.LogSize)
        {
            failures.Add($"the manifest carries no consistency proof from the previous log (size {previous.LogSize}); publish with --previous to include one");
        }
        else if (!consistency.OldRoot.AsSpan().SequenceEqual(previous.LogRoot))
        {
            failures.Add("the manifest's consistency proof starts from a root other than the previous log's");
        }
        else if (!MerkleTree.VerifyConsistency(previous.LogSize, manifest.LogSize, previous.LogRoot, manifest.LogRoot, consistency.Proof))
        {
            failures.Add($"the consistency proof from the previous log (size {previous.LogSize}) to this one (size {manifest.LogSize}) does not verify");
        }
        if (failures.Count == before) checks.Add($"the log extends the previous one ({previous.LogSize} → {manifest.LogSize} entries)");
    }

    /// <summary>Reads a file the user named, or says plainly which one is missing.</summary>
    public static byte[] ReadInput(string path, string what)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new VerifyInputException($"cannot read the {what} '{Path.GetFullPath(path)}': {ex.Message.TrimEnd('.')}");
        }
    }

    internal static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
