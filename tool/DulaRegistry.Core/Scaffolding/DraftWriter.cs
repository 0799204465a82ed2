using System.Numerics;
using DulaRegistry.IO;
using DulaRegistry.Loading;

namespace DulaRegistry.Scaffolding;

/// <summary>
/// Writes a new agreement file with <see cref="AtomicFile.CreateNew"/>: a file (or link) that already has the name is never
/// touched; the next number is taken instead, as when another drafter made that file in the meantime.
/// </summary>
public static class DraftWriter
{
    /// <summary>How many taken numbers in a row are skipped before giving up (something is creating files as fast as we look).</summary>
    public const int MaxAttempts = 1000;

    /// <param name="render">The file's text for an id, called again for each number tried; null to write nothing.</param>
    /// <returns>The id written and the file's path relative to the root; null when <paramref name="render"/> returned null.</returns>
    /// <exception cref="ScaffoldException"><c>agreements/</c> is not a folder, or it cannot be written.</exception>
    public static (string Id, string RelativePath)? Write(string root, string prefix, int year, BigInteger first, Func<string, string?> render)
    {
        var folder = Path.Combine(root, RegistryLoader.AgreementsFolder);
        switch (RegularFile.KindOf(folder))
        {
            case FileKind.Missing:
                Directory.CreateDirectory(folder);
                break;
            case FileKind.Directory:
                break;
            case var kind:
                // Never write through a link: it could lead out of the registry.
                throw new ScaffoldException($"`{RegistryLoader.AgreementsFolder}` is {kind.Describe()}, not a folder; make it a real folder so the new agreement can be written there");
        }
        var number = first;
        for (var attempt = 0; attempt < MaxAttempts; attempt++, number++)
        {
            var id = IdAllocator.Format(prefix, year, number);
            var path = Path.Combine(folder, id + ".md");
            if (RegularFile.KindOf(path) != FileKind.Missing) continue;
            if (render(id) is not { } text) return null;
            try
            {
                AtomicFile.CreateNew(path, text);
                return (id, $"{RegistryLoader.AgreementsFolder}/{id}.md");
            }
            catch (IOException ex) when (AlreadyExists(ex))
            {
                // Taken between the look and the write: leave it alone, try the next number.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ScaffoldException($"{RegistryLoader.AgreementsFolder}/{id}.md cannot be written: {ex.Message}");
            }
        }
        throw new ScaffoldException($"{MaxAttempts} agreement numbers in a row from {IdAllocator.Format(prefix, year, first)} are taken; run the command again");
    }

    /// <summary>
    /// The name was taken (EEXIST on Unix, ERROR_FILE_EXISTS or ERROR_ALREADY_EXISTS on Windows), as opposed to a failure
    /// after the file was created (disk full), which must not be mistaken for someone else's file.
    /// </summary>
    private static bool AlreadyExists(IOException ex) => ex.HResult is 17 or unchecked((int)0x80070050) or unchecked((int)0x800700B7);
}
