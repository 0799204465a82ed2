using System.Text;

namespace DulaRegistry;

/// <summary>Writes files so that a reader never sees half a file: write a temporary sibling, then rename over.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(contents));

    public static void WriteAllBytes(string path, byte[] contents) => Write(path, stream => stream.Write(contents));

    /// <summary>Like <see cref="WriteAllBytes"/>, with the contents streamed by <paramref name="write"/> (no whole-file buffer).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>The temporary siblings <see cref="Write"/> leaves behind when it is killed between writing and renaming.</summary>
    public static IEnumerable<string> Leftovers(string path) =>
        Directory.EnumerateFiles(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.*.tmp");

    /// <summary>Creates a new file; fails with <see cref="IOException"/> if it exists, so a user's work is never overwritten.</summary>
    public static void CreateNew(string path, string contents)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        var bytes = new UTF8Encoding(false).GetBytes(contents);
        stream.Write(bytes);
    }
}
