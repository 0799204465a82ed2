using System.Buffers;
using System.Text;
using System.Text.Unicode;
using DulaRegistry.Diagnostics;
using DulaRegistry.IO;

namespace DulaRegistry.Loading;

/// <summary>Reads a registry file as strict UTF-8 text through <see cref="RegularFile"/>, reporting why not on the file.</summary>
internal static class TextFile
{
    /// <summary>After this many invisible characters in one file, one more diagnostic says how many more there are.</summary>
    public const int MaxInvisibleReports = 20;

    /// <summary>The file's text, or null with diagnostics; <paramref name="bytes"/> are its bytes (empty when null).</summary>
    public static string? Read(string fullPath, string relative, long maxBytes, IDiagnosticSink sink, out byte[] bytes)
    {
        void Report(string code, int line, int column, string message) =>
            sink.Report(new(code, Severity.Error, relative, line, column, message));

        bytes = [];
        var read = RegularFile.Read(fullPath, maxBytes);
        switch (read.Status)
        {
            case ReadStatus.Missing:
                Report(DiagnosticCodes.FileUnreadable, 1, 1, "the file vanished while the registry was read; run the command again");
                return null;
            case ReadStatus.NotAFile:
                Report(DiagnosticCodes.FileUnreadable, 1, 1, NotAFile(fullPath, read.Kind));
                return null;
            case ReadStatus.TooLarge:
                Report(DiagnosticCodes.FileTooLarge, 1, 1,
                    $"the file is {read.Size:N0} bytes, over the limit of {maxBytes:N0} (`max_file_bytes` in registry.yml); keep attachments out of the registry and link to them");
                return null;
            case ReadStatus.Failed:
                Report(DiagnosticCodes.FileUnreadable, 1, 1, $"the file cannot be read: {read.Error}");
                return null;
        }
        bytes = read.Bytes!;

        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            Report(DiagnosticCodes.NotText, 1, 1, "the file is saved as UTF-16; save it as UTF-8 (in most editors: Save with Encoding, UTF-8)");
            return null;
        }
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            var (line, column) = LineColumnOf(bytes, nul);
            Report(DiagnosticCodes.NotText, line, column, "the file is binary (it holds NUL bytes), not Markdown text; registry files must be UTF-8 text");
            return null;
        }
        if (!Utf8.IsValid(bytes))
        {
            var (line, column) = LineColumnOf(bytes, FirstInvalidUtf8(bytes));
            Report(DiagnosticCodes.NotText, line, column,
                "the file is not valid UTF-8 text (perhaps saved as Windows-1252 or UTF-16); save it as UTF-8");
            return null;
        }
        var text = Encoding.UTF8.GetString(bytes);
        return ReportInvisible(text, relative, sink) ? null : text;
    }

    /// <summary>The message for a path that is not a regular file: what it is, and what to do.</summary>
    public static string NotAFile(string fullPath, FileKind kind) => kind switch
    {
        FileKind.SymbolicLink => $"this is a symbolic link{LinkTarget(fullPath)}, not a file; the registry reads only files committed in place, so replace the link with the file itself",
        FileKind.Directory => "this is a folder, not a file; move its files out",
        _ => $"this is {kind.Describe()}, not a file; remove it",
    };

    private static string LinkTarget(string fullPath)
    {
        try
        {
            return new FileInfo(fullPath).LinkTarget is { } target ? $" (to `{Sanitize(target)}`)" : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    // A link's target is any bytes: keep what could garble a message out of it.
    private static string Sanitize(string text) =>
        string.Concat(text.Take(200).Select(c => char.IsControl(c) || c == '`' ? '?' : c));

    /// <summary>Reports every invisible character (up to <see cref="MaxInvisibleReports"/>) at its line and column; true if any.</summary>
    private static bool ReportInvisible(string text, string relative, IDiagnosticSink sink)
    {
        var index = InvisibleCharacters.IndexOf(text);
        if (index < 0) return false;
        var line = 1;
        var lineStart = 0;
        var scanned = 0;
        var reported = 0;
        var more = 0;
        while (index >= 0)
        {
            // Lines end at LF, CR LF or a lone CR, as the front-matter reader counts them.
            for (; scanned < index; scanned++)
            {
                var c = text[scanned];
                if (c == '\n' || (c == '\r' && (scanned + 1 >= text.Length || text[scanned + 1] != '\n')))
                {
                    line++;
                    lineStart = scanned + 1;
                }
            }
            var codePoint = InvisibleCharacters.CodePointAt(text, index);
            if (reported < MaxInvisibleReports)
            {
                sink.Report(new(DiagnosticCodes.InvisibleCharacter, Severity.Error, relative, line, index - lineStart + 1,
                    $"the file holds {InvisibleCharacters.Describe(codePoint)} here; remove it (it is invisible in most editors, so delete and retype the text around it)"));
                reported++;
            }
            else
            {
                more++;
            }
            index = InvisibleCharacters.IndexOf(text, index + (codePoint > 0xFFFF ? 2 : 1));
        }
        if (more > 0)
        {
            sink.Report(new(DiagnosticCodes.InvisibleCharacter, Severity.Error, relative, line, 1,
                $"and {more:N0} more invisible control characters or non-characters after these in this file; remove them all"));
        }
        return true;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var index = 0;
        while (index < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed) != OperationStatus.Done) return index;
            index += consumed;
        }
        return index;
    }

    private static (int Line, int Column) LineColumnOf(byte[] bytes, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, Encoding.UTF8.GetCharCount(bytes, lineStart, Math.Max(0, index - lineStart)) + 1);
    }
}
