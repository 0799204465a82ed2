using System.Collections.Concurrent;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Site.Build;

namespace DulaRegistry.Site.Tests.Infrastructure;

/// <summary>
/// The fixture registry built once per test run under <see cref="BaseUrl"/> into a temporary folder, shared by every
/// test class (see <see cref="NewTempFolder"/> for when it is deleted). Also the fixture registry itself, loaded, for expectations.
/// </summary>
public sealed class BuiltSite
{
    public const string BaseUrl = "/registry/";

    /// <summary>The date the fixture is built and validated against.</summary>
    public static readonly DateOnly Today = new(2026, 11, 22);

    /// <summary>The fixture's hostile agreement and its title, exactly as written in its front matter.</summary>
    public const string HostileId = "DULA-2026-0004";
    public const string HostileTitle = "<script>alert('x')</script> \"><img src=x onerror=alert(1)>";

    /// <summary>The agreement whose purpose (and nothing else's) contains "lighthouse".</summary>
    public const string LighthouseId = "DULA-2025-0003";

    private static readonly Lazy<Task<BuiltSite>> s_instance = new(() => BuildAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ConcurrentDictionary<string, IHtmlDocument> _documents = new(StringComparer.Ordinal);

    private BuiltSite(string output, BuildResult result, LoadedRegistry registry)
    {
        Output = output;
        Result = result;
        Registry = registry;
    }

    public static Task<BuiltSite> Instance => s_instance.Value;

    /// <summary>The built site's folder.</summary>
    public string Output { get; }

    public BuildResult Result { get; }

    /// <summary>The fixture registry as the core library loads it.</summary>
    public LoadedRegistry Registry { get; }

    public IEnumerable<Agreement> Agreements => Registry.Agreements.Select(a => a.Model);

    public IEnumerable<Agency> Agencies => Registry.Agencies.Select(a => a.Model);

    /// <summary>Builds the fixture registry into a new temporary folder.</summary>
    public static async Task<BuildResult> BuildToAsync(string output) =>
        await SiteBuilder.BuildAsync(new SiteBuildOptions(RepoPaths.FixtureRegistry, output, BaseUrl, Today));

    private static async Task<BuiltSite> BuildAsync()
    {
        var output = NewTempFolder("dula-site-");
        var result = await BuildToAsync(output);
        if (!result.Succeeded)
        {
            var diagnostics = string.Join(Environment.NewLine, result.Diagnostics.Select(d => d.ToString()));
            throw new InvalidOperationException($"building the fixture registry failed: {result.Error}{Environment.NewLine}{diagnostics}");
        }
        var registry = RegistryLoader.Load(RepoPaths.FixtureRegistry, new DiagnosticBag());
        return new BuiltSite(output, result, registry);
    }

    /// <summary>
    /// A fresh folder in this test run's own temporary folder (<see cref="RunFolder"/>). The run's folder is deleted when the
    /// test process exits, if it exits on its own; the test platform may end it by killing it, so each run also deletes the
    /// folders of earlier runs whose process has ended (without that, every run left its built sites behind: 770 MB after
    /// a day's runs).
    /// </summary>
    public static string NewTempFolder(string prefix)
    {
        var path = Path.Combine(s_runFolder.Value, prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    private const string RunFolderPrefix = "dula-site-tests-";

    private static readonly Lazy<string> s_runFolder = new(CreateRunFolder, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>This test run's temporary folder: <c>dula-site-tests-PID-…</c> under the temp path.</summary>
    public static string RunFolder => s_runFolder.Value;

    private static string CreateRunFolder()
    {
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), RunFolderPrefix + "*"))
        {
            if (!RunEnded(Path.GetFileName(stale))) continue;
            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // another run's cleanup got there first, or it cannot be removed: left for the next run
            }
        }
        var folder = Path.Combine(Path.GetTempPath(), $"{RunFolderPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // best effort: the next run removes it
            }
        };
        return folder;
    }

    /// <summary>True when the run that made the folder called <paramref name="name"/> (<c>dula-site-tests-PID-…</c>) has ended:
    /// no process has its id any more.</summary>
    private static bool RunEnded(string name)
    {
        var parts = name[RunFolderPrefix.Length..].Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Every file of the site, relative, with forward slashes, in ordinal order.</summary>
    public IReadOnlyList<string> Files() => ListFiles(Output);

    public static IReadOnlyList<string> ListFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    public IReadOnlyList<string> HtmlFiles() => Files().Where(f => f.EndsWith(".html", StringComparison.Ordinal)).ToList();

    public string FullPath(string relative) => Path.Combine(Output, relative.Replace('/', Path.DirectorySeparatorChar));

    public bool Exists(string relative) => File.Exists(FullPath(relative));

    public string ReadText(string relative) => File.ReadAllText(FullPath(relative));

    /// <summary>A page parsed with AngleSharp's HTML5 parser (cached).</summary>
    public IHtmlDocument Html(string relative) =>
        _documents.GetOrAdd(relative, r => new HtmlParser().ParseDocument(ReadText(r)));
}
