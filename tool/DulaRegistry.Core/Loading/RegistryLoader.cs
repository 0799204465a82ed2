using System.Security.Cryptography;
using DulaRegistry.Diagnostics;
using DulaRegistry.IO;
using DulaRegistry.Model;

namespace DulaRegistry.Loading;

/// <summary>
/// Loads <c>registry.yml</c>, <c>agencies/*.md</c> and <c>agreements/*.md</c> under a root. Each file is
/// read and parsed exactly once, in parallel; anything wrong with a file becomes a diagnostic on it and
/// the other files load as usual. The parts live in files named for them: <c>.Settings</c>, <c>.FolderScan</c>,
/// <c>.Parsing</c> and <c>.MarkdownGuard</c>.
/// </summary>
public static partial class RegistryLoader
{
    public const string SettingsFile = "registry.yml";
    public const string AgenciesFolder = "agencies";
    public const string AgreementsFolder = "agreements";

    public static LoadedRegistry Load(string root, IDiagnosticSink sink, LoadOptions? options = null)
    {
        options ??= LoadOptions.Default;
        root = Path.GetFullPath(root);
        var settings = LoadSettings(root, sink);
        // Both folders are scanned before either is loaded: a scan needs nothing else, and a build's loading first waits for
        // its file cache to be read, which the scans now overlap instead of following.
        var agencyScan = Scan(root, AgenciesFolder, sink);
        var agreementScan = Scan(root, AgreementsFolder, sink);
        var (agencies, agencyFiles) = LoadFolder<Agency>(AgenciesFolder, agencyScan, settings, options, sink);
        var (agreements, agreementFiles) = LoadFolder<Agreement>(AgreementsFolder, agreementScan, settings, options, sink);
        return new LoadedRegistry(root, settings, agencies, agreements) { AgencyFiles = agencyFiles, AgreementFiles = agreementFiles };
    }

    /// <summary>The <c>.md</c> files of <paramref name="folder"/> under <paramref name="root"/> and how many entries were looked at
    /// (<see cref="ScanFolder"/>); none when it is missing or not a folder of its own.</summary>
    private static (List<(string Path, FileStamp? Stamp)> Files, int Looked) Scan(string root, string folder, IDiagnosticSink sink)
    {
        var directory = Path.Combine(root, folder);
        return IsRealFolder(directory, folder, sink) ? ScanFolder(directory, folder, sink) : ([], 0);
    }

    /// <summary>Loads every file <paramref name="scan"/> found in <paramref name="folder"/>; returns them and how many entries were
    /// looked at.</summary>
    private static (List<RegistryDocument<T>> Documents, int Looked) LoadFolder<T>(string folder, (List<(string Path, FileStamp? Stamp)> Files, int Looked) scan,
        RegistrySettings settings, LoadOptions options, IDiagnosticSink sink)
        where T : class, new()
    {
        var (files, looked) = scan;

        // Each worker takes whole files: read, front matter, YAML, binding, Markdown, body facts. A file's stages depend on
        // each other and files do not, so this keeps every core busy without hand-offs (a reading thread feeding the others
        // was measured slower once the YAML reading is the larger half: it became the bottleneck on two cores).
        var results = new RegistryDocument<T>?[files.Count];
        // Each file's relative path, made once: the document, the file cache and the source map share it (at 100,000
        // agreements, a copy per use left 15 MB of duplicate paths).
        var relatives = new string?[files.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = options.Cancellation };
        var cache = options.KeepMarkdown ? null : options.Cache; // a cached file has no syntax tree
        if (cache is null)
        {
            Parallel.For(0, files.Count, parallel, i => Guarded(i, () =>
            {
                var fileSink = new CountingSink(sink);
                if (TextFile.ReadBytes(Full(i), Relative(i), settings.EffectiveMaxFileBytes, fileSink) is { } bytes) Parse(i, bytes, fileSink);
            }));
        }
        else
        {
            // With a cache: a file whose stamp (size, times, inode) is the one the cache saw it with, long enough after its last
            // change, is not read at all (Git's index does the same); the others are read and hashed first, while the cache
            // itself is still being read. Then each is taken from the cache or parsed. Asking the cache at once would wait for
            // it after the first file.
            var read = new (byte[]? Bytes, string? Sha256, CountingSink Sink)[files.Count];
            Parallel.For(0, files.Count, parallel, i => Guarded(i, () =>
            {
                var fileSink = new CountingSink(sink);
                if (files[i].Stamp is { } stamp && stamp.Size <= settings.EffectiveMaxFileBytes)
                {
                    read[i] = (null, null, fileSink); // asked of the cache below
                    return;
                }
                var (bytes, sha256) = ReadAndHash(i, fileSink);
                read[i] = (bytes, sha256, fileSink);
            }));
            Parallel.For(0, files.Count, parallel, i => Guarded(i, () =>
            {
                var (bytes, sha256, fileSink) = read[i];
                read[i] = default; // the bytes of a file found in the cache are not needed again
                var stamp = files[i].Stamp;
                if (sha256 is null)
                {
                    // Not read yet: its stamp may tell its bytes' hash; if not (or the cache has lost that entry), read it now.
                    if (cache.Sha256Of(Relative(i), stamp!.Value) is { } known && cache.TryGet<T>(known, out var unread))
                    {
                        results[i] = FromCache(unread, Relative(i), known, Positions(i, known));
                        cache.Stamped(Relative(i), stamp.Value, known, read: false);
                        return;
                    }
                    (bytes, sha256) = ReadAndHash(i, fileSink);
                }
                if (bytes is null) return;
                if (cache.TryGet<T>(sha256, out var cached)) results[i] = FromCache(cached, Relative(i), sha256, Positions(i, sha256));
                else Parse(i, bytes, fileSink, sha256);
                // The stamp taken before the bytes were read: a write in between changed it, so the next build reads the file again.
                if (stamp is { } before && results[i] is not null && fileSink.Count == 0) cache.Stamped(Relative(i), before, sha256, read: true);
            }));
        }

        void Parse(int i, byte[] bytes, CountingSink fileSink, string? sha256 = null)
        {
            var relative = Relative(i);
            sha256 ??= Sha256Hex(bytes);
            if (TextFile.Decode(bytes, relative, fileSink) is not { } text || ReadFrontMatter(text, relative, fileSink) is not { } front) return;
            var document = results[i] = Complete<T>(front, relative, sha256, fileSink, options.KeepMarkdown, options.BodyView, Positions(i, sha256));
            if (cache is not null && document is not null && fileSink.Count == 0)
            {
                cache.Add(sha256, new ParsedFile<T>(document.Model, document.Facts, document.BodyView, document.BodyLine));
            }
        }

        // A file's bytes and their hash ("" when it cannot be read: the sink has been told why).
        (byte[]? Bytes, string Sha256) ReadAndHash(int i, CountingSink fileSink) =>
            TextFile.ReadBytes(Full(i), Relative(i), settings.EffectiveMaxFileBytes, fileSink) is { } bytes ? (bytes, Sha256Hex(bytes)) : (null, "");

        // Where each value of the file is, found again from the file only if a rule asks.
        Func<SourceMap> Positions(int i, string sha256) => PositionsFromFile<T>(Full(i), Relative(i), sha256, settings.EffectiveMaxFileBytes);
        string Full(int i) => files[i].Path;
        string Relative(int i) => relatives[i] ??= $"{folder}/{Path.GetFileName(files[i].Path)}";

        void Guarded(int i, Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                sink.Report(InternalDiagnostics.WhileReading(Relative(i), ex));
            }
        }
        return ([.. results.OfType<RegistryDocument<T>>()], looked);
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Passes diagnostics on and counts them: a file that loaded with none may be kept in a cache.</summary>
    private sealed class CountingSink(IDiagnosticSink inner) : IDiagnosticSink
    {
        public int Count { get; private set; }

        public void Report(Diagnostic diagnostic)
        {
            Count++;
            inner.Report(diagnostic);
        }
    }
}
