using System.Text;
using DulaRegistry.IO;

namespace DulaRegistry.Site.Build;

/// <summary>Writes one output file below the staging folder (UTF-8 without BOM).</summary>
internal static class OutputWriter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static OutputFile Write(string staging, string relativePath, string text, OutputKind kind) =>
        Write(staging, relativePath, s_utf8.GetBytes(text), kind);

    public static OutputFile Write(string staging, string relativePath, ReadOnlySpan<byte> bytes, OutputKind kind)
    {
        File.WriteAllBytes(PrepareDirectory(staging, relativePath), bytes);
        return new OutputFile(relativePath, kind, bytes.Length);
    }

    /// <summary>Bytes the file stream holds before writing to disk; the exports' own writers buffer too.</summary>
    private const int StreamBufferSize = 64 * 1024;

    /// <summary>Streams one output file to the staging folder: <paramref name="write"/> writes it (and leaves the stream open).
    /// Once <paramref name="cancellationToken"/> is cancelled, the writer's next write throws, so a long export stops at once.</summary>
    public static OutputFile Write(string staging, string relativePath, Action<Stream> write, OutputKind kind, CancellationToken cancellationToken = default)
    {
        using var file = new FileStream(PrepareDirectory(staging, relativePath), FileMode.Create, FileAccess.Write, FileShare.None, StreamBufferSize);
        write(cancellationToken.CanBeCanceled ? new CancellableStream(file, cancellationToken) : file);
        file.Flush();
        return new OutputFile(relativePath, kind, file.Position);
    }

    /// <summary>
    /// In an incremental build, the file at <paramref name="relativePath"/> as the previous build left it in the site (a regular
    /// file that build made), to be left as it is: nothing is written for it. Null when there is none. The caller knows its
    /// bytes would be the same: a page by its fingerprint, a JSON Schema because the cache serves only the same build of the
    /// tool (<see cref="BuildCache.KeyFor"/>), anything else by comparing them (<see cref="WriteIfChanged"/>). A caller that asks
    /// for many files passes the site's folder opened once (<paramref name="site"/>, <see cref="RegularFile.OpenFolder"/>).
    /// </summary>
    public static OutputFile? Unchanged(SiteTarget target, string relativePath, OutputKind kind, RegularFile.Folder? site = null) =>
        target.Previous is { } previous && previous.Made(relativePath)
            && (site is null ? SafeDelete.RegularFileLength(SitePath(target, relativePath)) : SafeDelete.RegularFileLength(site, relativePath)) is { } length
            ? new OutputFile(relativePath, kind, length)
            : null;

    /// <summary>
    /// Writes <paramref name="bytes"/> to the staging folder, unless this is an incremental build and the site already holds
    /// a file the previous build made there with exactly these bytes: that one stays, and nothing is written (most of the
    /// search index's files and every asset are the same after a one-file change).
    /// </summary>
    public static OutputFile WriteIfChanged(SiteTarget target, string relativePath, ReadOnlySpan<byte> bytes, OutputKind kind)
    {
        if (Unchanged(target, relativePath, kind) is { } kept && kept.Bytes == bytes.Length && SameBytes(SitePath(target, relativePath), bytes))
        {
            return kept;
        }
        return Write(target.Staging, relativePath, bytes, kind);
    }

    /// <summary>Where the file at <paramref name="relativePath"/> (forward slashes) is in the site being replaced.</summary>
    private static string SitePath(SiteTarget target, string relativePath) =>
        Path.Combine(target.Context.Output, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Bytes compared at a time: a large file is compared piece by piece, through one small pooled buffer.</summary>
    private const int CompareChunk = 64 * 1024;

    /// <summary>True when the file at <paramref name="path"/> holds exactly <paramref name="bytes"/>; false if it cannot be read.</summary>
    private static bool SameBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Min(bytes.Length + 1, CompareChunk));
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            for (var offset = 0; ;)
            {
                var read = file.Read(buffer);
                if (read == 0) return offset == bytes.Length;
                if (read > bytes.Length - offset || !buffer.AsSpan(0, read).SequenceEqual(bytes.Slice(offset, read))) return false;
                offset += read;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // written afresh
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True for a relative path (forward slashes) that stays below the folder it is joined to: not rooted, and no
    /// empty, <c>.</c> or <c>..</c> part.</summary>
    public static bool IsInside(string relativePath) =>
        !Path.IsPathRooted(relativePath) && relativePath.Split('/').All(part => part is not ("" or "." or ".."));

    /// <summary>Creates the folder of an output file; returns the file's full path.</summary>
    public static string PrepareDirectory(string staging, string relativePath)
    {
        var full = Path.Combine(staging, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }
}
