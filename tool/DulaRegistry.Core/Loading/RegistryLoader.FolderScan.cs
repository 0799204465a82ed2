using DulaRegistry.Diagnostics;
using DulaRegistry.IO;

namespace DulaRegistry.Loading;

/// <summary>Which entries of <c>agencies/</c> and <c>agreements/</c> are registry files, and what the others are told.</summary>
public static partial class RegistryLoader
{
    /// <summary>The <c>.md</c> files of <paramref name="directory"/> in name order, each with its stamp (from the same system
    /// call that tells a folder from a file; null for anything but a regular file), and how many entries were looked at; every
    /// other entry (hidden <c>.md</c> files, folders, other names) gets a diagnostic. Dot files such as <c>.gitkeep</c> are skipped.</summary>
    private static (List<(string Path, FileStamp? Stamp)> Files, int Looked) ScanFolder(string directory, string folder, IDiagnosticSink sink)
    {
        var looked = 0;
        var entries = Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal).ToArray();
        var files = new List<(string, FileStamp?)>(entries.Length); // sized once: grown by doubling, it was 2 MB of large arrays at 10,000
        // Every entry but dot files is stat'ed: on every core, into its own slot (10,000 system calls were a twentieth of a
        // one-file rebuild, on one core while the other waited), then looked at in name order.
        // Each by its name in the open folder: the kernel does not walk the folder's own path 10,000 times.
        var stats = new (FileKind Kind, FileStamp? Stamp)[entries.Length];
        using (var opened = RegularFile.OpenFolder(directory))
        {
            Parallel.For(0, entries.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i =>
            {
                var name = Path.GetFileName(entries[i]);
                if (!name.StartsWith('.')) stats[i] = opened.Stat(name);
            });
        }
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var name = Path.GetFileName(entry);
            var relative = $"{folder}/{name}";
            var isMarkdown = name.EndsWith(".md", StringComparison.Ordinal);
            if (name.StartsWith('.') && !isMarkdown) continue; // .gitkeep and editor files
            looked++;
            if (name.StartsWith('.'))
            {
                sink.Report(FileDiagnostics.HiddenFile(relative));
                continue;
            }
            var (kind, stamp) = stats[i];
            if (kind == FileKind.Directory)
            {
                sink.Report(FileDiagnostics.FolderInFolder(relative, folder));
                continue;
            }
            if (!isMarkdown)
            {
                sink.Report(FileDiagnostics.NotMarkdown(relative, folder));
                continue;
            }
            // Links, pipes, sockets and devices named *.md are reported by the reader, which never blocks on them.
            files.Add((entry, stamp));
        }
        return (files, looked);
    }

    /// <summary>True when <paramref name="directory"/> is a folder of its own (not a link, which could lead out of the root);
    /// false when it is missing (no files), or with an error when it is anything else.</summary>
    private static bool IsRealFolder(string directory, string folder, IDiagnosticSink sink)
    {
        var kind = RegularFile.KindOf(directory);
        if (kind == FileKind.Directory) return true;
        if (kind == FileKind.Missing) return false;
        sink.Report(FileDiagnostics.FolderNotAFolder(folder, kind));
        return false;
    }
}
