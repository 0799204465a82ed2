using System.Security.Cryptography;
using DulaRegistry.Diagnostics;
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
        var (agencies, agencyFiles) = LoadFolder<Agency>(root, AgenciesFolder, settings, options, sink);
        var (agreements, agreementFiles) = LoadFolder<Agreement>(root, AgreementsFolder, settings, options, sink);
        return new LoadedRegistry(root, settings, agencies, agreements) { AgencyFiles = agencyFiles, AgreementFiles = agreementFiles };
    }

    /// <summary>Loads every <c>.md</c> file of <paramref name="folder"/>; returns them and how many entries were looked at.</summary>
    private static (List<RegistryDocument<T>> Documents, int Looked) LoadFolder<T>(string root, string folder, RegistrySettings settings, LoadOptions options, IDiagnosticSink sink)
        where T : class, new()
    {
        var directory = Path.Combine(root, folder);
        if (!IsRealFolder(directory, folder, sink)) return ([], 0);
        var (files, looked) = ScanFolder(directory, folder, sink);

        // Each worker takes whole files: read, front matter, YAML, binding, Markdown, body facts. A file's stages depend on
        // each other and files do not, so this keeps every core busy without hand-offs (a reading thread feeding the others
        // was measured slower once the YAML reading is the larger half: it became the bottleneck on two cores).
        var results = new RegistryDocument<T>?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i =>
        {
            Guarded(i, () =>
            {
                if (TextFile.Read(files[i], Relative(i), settings.EffectiveMaxFileBytes, sink, out var bytes) is { } text
                    && ReadFrontMatter(text, Relative(i), sink) is { } front)
                {
                    results[i] = Complete<T>(front, Relative(i), Sha256Hex(bytes), sink, options.KeepMarkdown, options.BodyView,
                        options.KeepMarkdown ? null : options.Bodies);
                }
            });
        });

        string Relative(int i) => $"{folder}/{Path.GetFileName(files[i])}";

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
}
