using DulaRegistry.Diagnostics;

namespace DulaRegistry.Cli.Commands;

/// <summary>
/// The files named on the command line (<c>registry validate agreements/X.md</c>), as paths relative to the registry root:
/// the whole registry is still loaded and checked, for the rules that look across files, but only these files' findings
/// are reported.
/// </summary>
internal sealed class FileSelection
{
    private readonly HashSet<string> _files;

    private FileSelection(HashSet<string> files) => _files = files;

    /// <summary>The relative paths selected, in order.</summary>
    public IReadOnlyCollection<string> Files => _files;

    /// <summary>
    /// Resolves <paramref name="arguments"/> (relative to the current folder, or absolute); null, after printing why, when one
    /// does not exist, is not a file, or is outside <paramref name="root"/>.
    /// </summary>
    public static FileSelection? Resolve(DirectoryInfo root, IReadOnlyList<string> arguments, TextWriter error)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var full = Path.GetFullPath(argument);
            if (Directory.Exists(full))
            {
                error.WriteLine($"registry: '{argument}' is a folder; name the agreement or agency files to check (such as agreements/DULA-2026-0001.md), or none to check them all");
                return null;
            }
            if (!File.Exists(full) && new FileInfo(full).LinkTarget is null)
            {
                error.WriteLine($"registry: the file '{argument}' does not exist; check the name (paths are relative to the current folder)");
                return null;
            }
            var relative = Path.GetRelativePath(root.FullName, full);
            if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                error.WriteLine($"registry: '{argument}' is outside the registry '{root.FullName}'; name files inside it, or pass the registry that holds it with --root DIR");
                return null;
            }
            files.Add(relative.Replace(Path.DirectorySeparatorChar, '/'));
        }
        return new FileSelection(files);
    }

    /// <summary>A sink that passes on only the selected files' diagnostics.</summary>
    public IDiagnosticSink Filter(IDiagnosticSink inner) => new Filtering(inner, _files);

    private sealed class Filtering(IDiagnosticSink inner, HashSet<string> files) : IDiagnosticSink
    {
        public void Report(Diagnostic diagnostic)
        {
            if (files.Contains(diagnostic.File)) inner.Report(diagnostic);
        }
    }
}
