using System.CommandLine;
using System.Text;
using DulaRegistry.CodeOwners;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;

namespace DulaRegistry.Cli.Commands;

internal static class CodeOwnersCommand
{
    // Larger than any CODEOWNERS GitHub loads (3 MB): such a file is compared as "different" without being read.
    private const long MaxExistingBytes = 2L * CodeOwnersFile.MaxBytes;

    /// <summary>The examples at the end of <c>--help</c>.</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry codeowners", "write or update .github/CODEOWNERS, then commit it"),
        new("registry codeowners --check", "in CI: fail when the committed file is out of date"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; exit 1 if .github/CODEOWNERS is missing or differs from what would be generated (for CI)",
        };
        var command = new Command("codeowners", """
            Write .github/CODEOWNERS, so that GitHub requests the review of every party's legal reviewers on a pull
            request that changes an agreement: one line per agreement file, owned by the `legal_reviewers` of its
            parties' agencies, and `*` owned by `default_owners` from registry.yml. The file is rewritten only when
            its content changes. Commit it: GitHub reads it from the default branch.
            """)
        {
            root, check,
        };
        command.SetAction(parse => (int)Run(parse.GetValue(root)!, parse.GetValue(check), Console.Out, Console.Error));
        return command.WithExamples(Examples);
    }

    public static ExitCode Run(DirectoryInfo root, bool check, TextWriter output, TextWriter error)
    {
        if (!CommonOptions.CheckRoot(root)) return ExitCode.Usage;
        var folder = Path.Combine(root.FullName, ".github");
        var path = Path.Combine(folder, "CODEOWNERS");
        if (RefusedTarget(folder, path) is { } refusal)
        {
            error.WriteLine($"registry: {refusal}");
            return ExitCode.Usage;
        }

        var bag = new DiagnosticBag();
        var registry = RegistryLoader.Load(root.FullName, bag);
        if (bag.HasErrors)
        {
            foreach (var d in bag.Sorted()) error.WriteLine(d.ToString());
            error.WriteLine($"registry: {CodeOwnersFile.RelativePath} not {(check ? "checked" : "written")}: the agency and agreement files above cannot be read; fix them first");
            return ExitCode.ValidationFailed;
        }

        var result = CodeOwnersFile.Generate(registry, SettingsPositions.Read(root.FullName));
        foreach (var warning in result.Warnings) error.WriteLine(warning.ToString());
        if (result.Errors.Count > 0)
        {
            foreach (var d in result.Errors.Order(Diagnostic.Order)) error.WriteLine(d.ToString());
            error.WriteLine($"registry: {CodeOwnersFile.RelativePath} not {(check ? "checked" : "written")}: fix the errors above first");
            return ExitCode.ValidationFailed;
        }

        var existing = ReadExisting(path);
        if (check) return Check(existing, result.Text, output, error);
        if (existing?.Text == result.Text)
        {
            output.WriteLine($"{CodeOwnersFile.RelativePath} is up to date");
            return ExitCode.Ok;
        }
        if (existing is { Generated: false })
        {
            // A hand-written file holds rules this command does not know about: never replace it silently.
            error.WriteLine($"registry: {CodeOwnersFile.RelativePath} was not written by `registry codeowners` (its first line is not \"{CodeOwnersFile.Marker}\"), "
                + "so it is left alone; move its owners into `legal_reviewers` (agencies/<id>.md) or `default_owners` (registry.yml), delete it, and run `registry codeowners` again");
            return ExitCode.Usage;
        }
        AtomicFile.WriteAllText(path, result.Text);
        output.WriteLine($"wrote {CodeOwnersFile.RelativePath} ({ValidateCommand.Plural(registry.Agreements.Count, "agreement")}); commit it");
        return ExitCode.Ok;
    }

    private static ExitCode Check(Existing? existing, string generated, TextWriter output, TextWriter error)
    {
        if (existing?.Text == generated)
        {
            output.WriteLine($"{CodeOwnersFile.RelativePath} is up to date");
            return ExitCode.Ok;
        }
        if (existing is null)
        {
            error.WriteLine($"registry: {CodeOwnersFile.RelativePath} does not exist; run `registry codeowners` and commit it");
            return ExitCode.ValidationFailed;
        }
        error.WriteLine($"registry: {CodeOwnersFile.RelativePath} is out of date; run `registry codeowners` and commit it. The lines that differ (- committed, + generated):");
        foreach (var line in CodeOwnersDiff.Describe(existing.Text ?? "", generated)) error.WriteLine(line);
        return ExitCode.ValidationFailed;
    }

    /// <summary>Why the command will not touch <c>.github/CODEOWNERS</c>, or null. It never writes or reads through a link.</summary>
    private static string? RefusedTarget(string folder, string path)
    {
        var dir = new DirectoryInfo(folder);
        if (dir.LinkTarget is not null)
        {
            return $"`.github` is a symbolic link (to {dir.LinkTarget}); CODEOWNERS is never written through a link, so make `.github` a real folder";
        }
        if (File.Exists(folder)) return "`.github` is a file, not a folder; GitHub expects .github/CODEOWNERS inside a folder";
        var file = new FileInfo(path);
        if (file.LinkTarget is not null)
        {
            return $"{CodeOwnersFile.RelativePath} is a symbolic link (to {file.LinkTarget}); it is never written or read through a link, so replace it with a real file or delete it";
        }
        if (Directory.Exists(path)) return $"{CodeOwnersFile.RelativePath} is a folder; delete or rename it so the file can be written";
        return null;
    }

    /// <summary>The current file, or null when there is none.</summary>
    private static Existing? ReadExisting(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return null;
        var utf8 = new UTF8Encoding(false);
        if (info.Length > MaxExistingBytes)
        {
            // Only its first line matters (is it ours?); its text cannot equal a generated file.
            using var stream = info.OpenRead();
            var start = new byte[Encoding.UTF8.GetByteCount(CodeOwnersFile.Marker)];
            stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            return new Existing(null, utf8.GetString(start) == CodeOwnersFile.Marker);
        }
        var text = utf8.GetString(File.ReadAllBytes(path));
        return new Existing(text, text.StartsWith(CodeOwnersFile.Marker, StringComparison.Ordinal) || string.IsNullOrWhiteSpace(text));
    }

    /// <param name="Text">Null when the file is too large to be read (it cannot be current).</param>
    /// <param name="Generated">Made by this command (or empty), so it may be replaced.</param>
    private sealed record Existing(string? Text, bool Generated);
}
