using System.Text;

namespace DulaRegistry.Site.Build;

/// <summary>Writes one output file below the staging folder (UTF-8 without BOM).</summary>
internal static class OutputWriter
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static OutputFile Write(string staging, string relativePath, string text, OutputKind kind) =>
        Write(staging, relativePath, s_utf8.GetBytes(text), kind);

    public static OutputFile Write(string staging, string relativePath, byte[] bytes, OutputKind kind)
    {
        File.WriteAllBytes(PrepareDirectory(staging, relativePath), bytes);
        return new OutputFile(relativePath, kind, bytes.LongLength);
    }

    /// <summary>Bytes the file stream holds before writing to disk; the exports' own writers buffer too.</summary>
    private const int StreamBufferSize = 64 * 1024;

    /// <summary>Streams one output file to the staging folder: <paramref name="write"/> writes it (and leaves the stream open).</summary>
    public static OutputFile Write(string staging, string relativePath, Action<Stream> write, OutputKind kind)
    {
        using var file = new FileStream(PrepareDirectory(staging, relativePath), FileMode.Create, FileAccess.Write, FileShare.None, StreamBufferSize);
        write(file);
        file.Flush();
        return new OutputFile(relativePath, kind, file.Position);
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
