using System.Buffers;
using System.Globalization;
using DulaRegistry.History;
using DulaRegistry.IO;

namespace DulaRegistry.Site.Build;

/// <summary>
/// What a build keeps for the next one, in a hidden sibling of the output folder (<c>.&lt;out&gt;.registry-cache/</c>):
/// a fingerprint of every page's inputs and the status history with the Git state it was read from. The next build into
/// the same folder renders only the pages whose inputs changed and links the others from the site in place, and skips the
/// history walk when the repository has not moved. A cache belongs to one site: it names the build that wrote that site
/// (<see cref="Site"/>), and a different tool, template or build option (<see cref="Key"/>) makes it unusable. Anything
/// unexpected about it means a full build, never a wrong one.
/// </summary>
/// <param name="Key">The tool's build and the build options it was made with (see <see cref="KeyFor"/>).</param>
/// <param name="Site">The site it describes: the time its marker file was written (<see cref="SiteStamp"/>).</param>
/// <param name="Pages">Each page's path and the fingerprint of what it was rendered from (see <see cref="PageFingerprints"/>).</param>
/// <param name="HistoryKey">The Git state <paramref name="History"/> was read from; null when it was not read.</param>
/// <param name="Files">Every file of the site (relative, forward slashes), so the next build can remove those it no longer makes.</param>
public sealed record BuildCache(
    string Key,
    long Site,
    IReadOnlyDictionary<string, string> Pages,
    string? HistoryKey,
    RegistryHistory? History,
    IReadOnlyList<string> Files)
{
    private HashSet<string>? _files;

    /// <summary>True when the previous build made the file at <paramref name="path"/> (relative, forward slashes).</summary>
    public bool Made(string path) => (_files ??= new HashSet<string>(Files, StringComparer.Ordinal)).Contains(path);

    /// <summary>
    /// Present while an incremental build moves its changed files into the site: a build killed then leaves a site that is
    /// part old, part new, and the next build sees this file and makes a full build (swapped in whole), which repairs it.
    /// </summary>
    public const string JournalFile = "update-in-progress";

    /// <summary>True when an incremental update of the site at <paramref name="output"/> was started and not finished.</summary>
    public static bool UpdateInterrupted(string output) => File.Exists(Path.Combine(FolderOf(output), JournalFile));

    /// <summary>Marks the start of an in-place update (written and flushed before the first file moves).</summary>
    public static void BeginUpdate(string output)
    {
        using var journal = new FileStream(Path.Combine(FolderOf(output), JournalFile), FileMode.Create, FileAccess.Write, FileShare.None);
        journal.Write("an incremental build is updating the site beside this folder\n"u8);
        journal.Flush(flushToDisk: true);
    }

    /// <summary>Marks the end of an in-place update, once the cache that describes the updated site is written.</summary>
    public static void EndUpdate(string output) => SafeDelete.TryFile(Path.Combine(FolderOf(output), JournalFile));

    /// <summary>The cache folder's marker: a folder without it was not made by this tool and is neither read nor written.</summary>
    public const string MarkerFile = ".registry-cache";

    private const string DataFile = "cache.bin";

    /// <summary>What earlier versions of this file were called; removed when this one is written.</summary>
    private static readonly string[] s_formerFiles = ["cache.json"];

    /// <summary>The cache folder of an output folder: <c>.&lt;out&gt;.registry-cache</c> beside it.</summary>
    public static string FolderOf(string output)
    {
        output = OutputFolder.Normalize(output);
        return Path.Combine(Path.GetDirectoryName(output)!, "." + Path.GetFileName(output) + ".registry-cache");
    }

    /// <summary>
    /// Everything outside the registry that a page depends on: this tool's assemblies (a new version or template is a new
    /// build of them) and the build's options.
    /// </summary>
    public static string KeyFor(SiteBuildOptions options)
    {
        static string Build(Type type) => type.Assembly.ManifestModule.ModuleVersionId.ToString("N");
        return string.Join(' ', BuildCacheCodec.Format,
            Build(typeof(BuildCache)), Build(typeof(DulaRegistry.Loading.RegistryLoader)), Build(typeof(Microsoft.AspNetCore.Components.ComponentBase)),
            "base:" + options.BaseUrl, "today:" + options.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "history:" + options.History, "generator:" + options.Generator);
    }

    /// <summary>When the marker of the site at <paramref name="folder"/> was written (ticks), or null without one: it tells one
    /// build's site from another's.</summary>
    public static long? SiteStamp(string folder) =>
        OutputFolder.IsMarked(folder) ? File.GetLastWriteTimeUtc(Path.Combine(folder, OutputFolder.MarkerFile)).Ticks : null;

    /// <summary>
    /// The cache for the site now at <paramref name="output"/>, being decoded; or null with the reason: none yet, made by another
    /// build of the tool or with other options, or describing another site (one built without it, or changed since). Whether it
    /// serves is told here, from its checksum (the whole file is hashed) and its header; its pages' fingerprints and the history
    /// are decoded on another thread, beside the loading of the registry (45 ms at 10,000 agreements, which the build waited
    /// for before it started loading). A decoding that fails even so (its checksum holds) gives null: a full build.
    /// </summary>
    public static Task<BuildCache?>? Start(string output, string key, out string reason)
    {
        if (OwnFile(output, DataFile) is not { } file)
        {
            reason = "no cache";
            return null;
        }
        IMemoryOwner<byte>? mapped = null;
        try
        {
            // Mapped rather than read into an array (a large-object allocation the collector would count against its budget);
            // the strings are copied out, and the file is only ever replaced by renaming (AtomicFile), never rewritten in place.
            mapped = MappedFile.Read(file, int.MaxValue / 2);
            if (!BuildCacheCodec.TryHeader(mapped.Memory, out var found, out var site, out var rest))
            {
                reason = "the cache could not be read";
                return null;
            }
            if (UpdateInterrupted(output))
            {
                reason = "the last build was stopped while it updated the site";
                return null;
            }
            if (found != key)
            {
                reason = "the tool or the build options changed";
                return null;
            }
            if (SiteStamp(OutputFolder.Normalize(output)) != site)
            {
                reason = "the output folder holds another build";
                return null;
            }
            reason = "cache used";
            var owned = mapped;
            mapped = null; // the decoding unmaps it
            return Task.Run(() =>
            {
                using (owned) return BuildCacheCodec.DecodeRest(found, site, rest);
            }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reason = "the cache could not be read";
            return null;
        }
        finally
        {
            mapped?.Dispose();
        }
    }

    /// <summary>
    /// Writes the cache for the site now at <paramref name="output"/>, atomically (a temporary file renamed over the old one).
    /// Returns false, writing nothing, when the cache folder exists but was not made by this tool.
    /// </summary>
    /// <exception cref="IOException">the cache cannot be written, or would not come back the same (a path or a commit
    /// subject with a lone surrogate); the next build is then a full one.</exception>
    public bool Write(string output)
    {
        if (!OwnFolder(output)) return false;
        WriteOwnFile(output, DataFile, stream =>
        {
            // Thrown inside the write, so the half-written file is removed and the last cache stays.
            if (!BuildCacheCodec.Write(this, stream)) throw new IOException("a path or a commit subject cannot be kept exactly");
        });
        RemoveOwnFiles(output, s_formerFiles);
        return true;
    }

    /// <summary>Removes the files called <paramref name="names"/> from the cache folder beside <paramref name="output"/>, where it
    /// is this tool's and they are regular files (what earlier versions of the cache kept under other names).</summary>
    internal static void RemoveOwnFiles(string output, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (OwnFile(output, name) is { } leftover) SafeDelete.TryFile(leftover);
        }
    }

    /// <summary>The build cache's note when the folder beside <paramref name="output"/> is not this tool's (see <see cref="OwnFolder"/>).</summary>
    internal static string NotOursNote(string output) => $"not written: {FolderOf(output)} was not made by this tool";

    /// <summary>True when the cache folder beside <paramref name="output"/> is this tool's (a real folder with the marker),
    /// after making it if there is none; false when something else has that name, which is then neither read nor written.</summary>
    internal static bool OwnFolder(string output)
    {
        var folder = FolderOf(output);
        if (Directory.Exists(folder) || File.Exists(folder))
        {
            return SafeDelete.IsRealDirectory(folder) && SafeDelete.IsRegularFile(Path.Combine(folder, MarkerFile));
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, MarkerFile), "build cache of the site beside it; safe to delete\n");
        return true;
    }

    /// <summary>
    /// The file <paramref name="name"/> of the cache folder beside <paramref name="output"/> (<see cref="OwnFile"/>), mapped into
    /// memory and given to <paramref name="parse"/>, whose result keeps the mapping: it holds slices of it, and the caller
    /// disposes the mapping with it. Mapped, not read into an array: faulting in and zeroing a fresh array (28 MB of
    /// <c>files.bin</c> at 10,000 agreements) was two thirds of reading it, and it counted towards a full collection. The
    /// cache's files are only ever replaced by renaming (<see cref="AtomicFile"/>), never rewritten in place. Null, and
    /// unmapped at once, when there is no such file, it cannot be read, or it is damaged or cut short (<paramref name="parse"/>
    /// returns null or throws <see cref="InvalidDataException"/>).
    /// </summary>
    internal static T? MapOwnFile<T>(string output, string name, Func<IMemoryOwner<byte>, T?> parse) where T : class
    {
        if (OwnFile(output, name) is not { } file) return null;
        IMemoryOwner<byte>? owner = null;
        try
        {
            owner = MappedFile.Read(file, int.MaxValue / 2);
            if (parse(owner) is not { } parsed) return null;
            owner = null; // the result's now
            return parsed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
        finally
        {
            owner?.Dispose(); // not used: unmapped at once
        }
    }

    /// <summary>The path of the file <paramref name="name"/> of the cache folder beside <paramref name="output"/>, when the
    /// folder is this tool's (a real folder with the marker) and the file is a regular file; otherwise null.</summary>
    internal static string? OwnFile(string output, string name)
    {
        var folder = FolderOf(output);
        var file = Path.Combine(folder, name);
        return SafeDelete.IsRealDirectory(folder) && SafeDelete.IsRegularFile(Path.Combine(folder, MarkerFile)) && SafeDelete.IsRegularFile(file)
            ? file : null;
    }

    /// <summary>Writes the file <paramref name="name"/> of the cache folder atomically, after removing what a write killed
    /// part-way left. The folder is this tool's: <see cref="Write"/> checked or made it.</summary>
    internal static void WriteOwnFile(string output, string name, Action<Stream> write)
    {
        var file = Path.Combine(FolderOf(output), name);
        foreach (var leftover in AtomicFile.Leftovers(file))
        {
            SafeDelete.TryFile(leftover);
        }
        AtomicFile.Write(file, write);
    }
}
