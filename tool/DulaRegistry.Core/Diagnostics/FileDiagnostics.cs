using DulaRegistry.IO;
using DulaRegistry.Loading;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Diagnostics;

/// <summary>The diagnostics of reading a file and the shape of its front matter: DULA001-005, DULA014 and DULA015.</summary>
public static class FileDiagnostics
{
    /// <summary>DULA001: the file was listed, then gone before it was read.</summary>
    [DiagnosticFactory(C.FileUnreadable)]
    public static Diagnostic FileVanished(string file) =>
        DiagnosticFactory.Create(C.FileUnreadable, file, SourcePosition.Start, "the file vanished while the registry was read; run the command again");

    /// <summary>DULA001: a path named like a registry file that is a link, folder, pipe, socket or device.</summary>
    /// <param name="linkTarget">Where a symbolic link points, already made safe to print; null when unknown or not a link.</param>
    [DiagnosticFactory(C.FileUnreadable)]
    public static Diagnostic NotAFile(string file, FileKind kind, string? linkTarget) =>
        DiagnosticFactory.Create(C.FileUnreadable, file, SourcePosition.Start, kind switch
        {
            FileKind.SymbolicLink => $"this is a symbolic link{(linkTarget is null ? "" : $" (to `{linkTarget}`)")}, not a file; the registry reads only files committed in place, so replace the link with the file itself",
            FileKind.Directory => "this is a folder, not a file; move its files out",
            _ => $"this is {kind.Describe()}, not a file; remove it",
        });

    /// <summary>DULA001: an I/O error while reading the file.</summary>
    [DiagnosticFactory(C.FileUnreadable)]
    public static Diagnostic ReadFailed(string file, string? error) =>
        DiagnosticFactory.Create(C.FileUnreadable, file, SourcePosition.Start, $"the file cannot be read: {error}");

    /// <summary>DULA001: <c>agreements</c> or <c>agencies</c> is not a folder.</summary>
    [DiagnosticFactory(C.FileUnreadable)]
    public static Diagnostic FolderNotAFolder(string folder, FileKind kind) =>
        DiagnosticFactory.Create(C.FileUnreadable, folder, SourcePosition.Start, kind == FileKind.SymbolicLink
            ? $"`{folder}` is a symbolic link, not a folder; the registry reads only what is inside its own folder, so replace the link with a real `{folder}/` folder"
            : $"`{folder}` is {kind.Describe()}, not a folder; it must be the folder that holds the `<id>.md` files");

    /// <summary>DULA002.</summary>
    [DiagnosticFactory(C.FileTooLarge)]
    public static Diagnostic FileTooLarge(string file, long size, long maxBytes) =>
        DiagnosticFactory.Create(C.FileTooLarge, file, SourcePosition.Start,
            $"the file is {size:N0} bytes, over the limit of {maxBytes:N0} (`max_file_bytes` in registry.yml); keep attachments out of the registry and link to them");

    /// <summary>DULA003: a UTF-16 byte-order mark.</summary>
    [DiagnosticFactory(C.NotText)]
    public static Diagnostic Utf16(string file) =>
        DiagnosticFactory.Create(C.NotText, file, SourcePosition.Start, "the file is saved as UTF-16; save it as UTF-8 (in most editors: Save with Encoding, UTF-8)");

    /// <summary>DULA003: a NUL byte, at its position.</summary>
    [DiagnosticFactory(C.NotText)]
    public static Diagnostic Binary(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.NotText, file, at, "the file is binary (it holds NUL bytes), not Markdown text; registry files must be UTF-8 text");

    /// <summary>DULA003: the first byte that is not UTF-8, at its position.</summary>
    [DiagnosticFactory(C.NotText)]
    public static Diagnostic NotUtf8(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.NotText, file, at, "the file is not valid UTF-8 text (perhaps saved as Windows-1252 or UTF-16); save it as UTF-8");

    /// <summary>DULA004: an empty file.</summary>
    [DiagnosticFactory(C.NoFrontMatter)]
    public static Diagnostic EmptyFile(string file) =>
        DiagnosticFactory.Create(C.NoFrontMatter, file, SourcePosition.Start, "the file is empty; it must start with a `---` line, the front matter, and a closing `---` line");

    /// <summary>DULA004: a file that does not start with <c>---</c>.</summary>
    [DiagnosticFactory(C.NoFrontMatter)]
    public static Diagnostic NoOpeningLine(string file) =>
        DiagnosticFactory.Create(C.NoFrontMatter, file, SourcePosition.Start,
            "the file must start with a line `---`, then the front matter (keys such as `id:`), then a closing `---` line");

    /// <summary>DULA005.</summary>
    [DiagnosticFactory(C.UnterminatedFrontMatter)]
    public static Diagnostic UnterminatedFrontMatter(string file) =>
        DiagnosticFactory.Create(C.UnterminatedFrontMatter, file, SourcePosition.Start,
            "the front matter that starts on line 1 has no closing `---` line; add one after the last key");

    /// <summary>DULA014: a file whose name starts with a dot.</summary>
    [DiagnosticFactory(C.UnexpectedFile)]
    public static Diagnostic HiddenFile(string file) =>
        DiagnosticFactory.Create(C.UnexpectedFile, file, SourcePosition.Start, $"`{file}` is hidden (its name starts with a dot) and would be ignored; rename it to `<id>.md`");

    /// <summary>DULA014: a folder inside <paramref name="folder"/>.</summary>
    [DiagnosticFactory(C.UnexpectedFile)]
    public static Diagnostic FolderInFolder(string file, string folder) =>
        DiagnosticFactory.Create(C.UnexpectedFile, file, SourcePosition.Start, $"`{file}` is a folder; `{folder}/` holds only `<id>.md` files, so move its files up or out");

    /// <summary>DULA014: a file in <paramref name="folder"/> that is not <c>.md</c>.</summary>
    [DiagnosticFactory(C.UnexpectedFile)]
    public static Diagnostic NotMarkdown(string file, string folder) =>
        DiagnosticFactory.Create(C.UnexpectedFile, file, SourcePosition.Start,
            $"`{file}` is not a `.md` file and would be ignored; rename it to `<id>.md` or move it out of `{folder}/`");

    /// <summary>DULA014: an agreement file whose name a CODEOWNERS line cannot hold.</summary>
    /// <param name="printable">The file's path made safe to print.</param>
    [DiagnosticFactory(C.UnexpectedFile)]
    public static Diagnostic NotListableInCodeOwners(string file, string printable) =>
        DiagnosticFactory.Create(C.UnexpectedFile, file, SourcePosition.Start,
            $"`{printable}` cannot be listed in CODEOWNERS: its name may hold only letters, digits, `.`, `-` and `_`; rename it to `<id>.md`");

    /// <summary>DULA015: an invisible character in the file, at its position.</summary>
    [DiagnosticFactory(C.InvisibleCharacter)]
    public static Diagnostic InvisibleCharacter(string file, SourcePosition at, int codePoint) =>
        DiagnosticFactory.Create(C.InvisibleCharacter, file, at,
            $"the file holds {InvisibleCharacters.Describe(codePoint)} here; remove it (it is invisible in most editors, so delete and retype the text around it)");

    /// <summary>DULA015: how many more invisible characters a file holds past those reported one by one.</summary>
    [DiagnosticFactory(C.InvisibleCharacter)]
    public static Diagnostic MoreInvisibleCharacters(string file, int line, int more) =>
        DiagnosticFactory.Create(C.InvisibleCharacter, file, new(line, 1),
            $"and {more:N0} more invisible control characters or non-characters after these in this file; remove them all");

    /// <summary>DULA015: an invisible character written as an escape in a quoted YAML value.</summary>
    [DiagnosticFactory(C.InvisibleCharacter)]
    public static Diagnostic InvisibleEscape(string file, SourcePosition at, int codePoint) =>
        DiagnosticFactory.Create(C.InvisibleCharacter, file, at,
            $"this value holds {InvisibleCharacters.Describe(codePoint)}, written as an escape (such as `\\e` or `\\x1b`); remove it");
}
