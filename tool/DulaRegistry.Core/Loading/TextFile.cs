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
        var read = ReadBytes(fullPath, relative, maxBytes, sink);
        bytes = read ?? [];
        return read is null ? null : Decode(read, relative, sink);
    }

    /// <summary>The bytes of a regular file of at most <paramref name="maxBytes"/>, or null with a diagnostic.</summary>
    public static byte[]? ReadBytes(string fullPath, string relative, long maxBytes, IDiagnosticSink sink)
    {
        var read = RegularFile.Read(fullPath, maxBytes);
        switch (read.Status)
        {
            case ReadStatus.Missing:
                sink.Report(FileDiagnostics.FileVanished(relative));
                return null;
            case ReadStatus.NotAFile:
                sink.Report(FileDiagnostics.NotAFile(relative, read.Kind, read.Kind == FileKind.SymbolicLink ? LinkTarget(fullPath) : null));
                return null;
            case ReadStatus.TooLarge:
                sink.Report(FileDiagnostics.FileTooLarge(relative, read.Size, maxBytes));
                return null;
            case ReadStatus.Failed:
                sink.Report(FileDiagnostics.ReadFailed(relative, read.Error));
                return null;
        }
        return read.Bytes!;
    }

    /// <summary>A file's bytes as text, or null with diagnostics: UTF-16, binary, not UTF-8, or with invisible characters.</summary>
    public static string? Decode(byte[] bytes, string relative, IDiagnosticSink sink)
    {
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            sink.Report(FileDiagnostics.Utf16(relative));
            return null;
        }
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            sink.Report(FileDiagnostics.Binary(relative, LineColumnOf(bytes, nul)));
            return null;
        }
        if (!Utf8.IsValid(bytes))
        {
            sink.Report(FileDiagnostics.NotUtf8(relative, LineColumnOf(bytes, FirstInvalidUtf8(bytes))));
            return null;
        }
        var text = Encoding.UTF8.GetString(bytes);
        return ReportInvisible(text, relative, sink) ? null : text;
    }

    /// <summary>Where a symbolic link points, safe to print; null when that cannot be read.</summary>
    private static string? LinkTarget(string fullPath)
    {
        try
        {
            return new FileInfo(fullPath).LinkTarget is { } target ? Sanitize(target) : null;
        }
        catch (IOException)
        {
            return null;
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
                sink.Report(FileDiagnostics.InvisibleCharacter(relative, new(line, index - lineStart + 1), codePoint));
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
            sink.Report(FileDiagnostics.MoreInvisibleCharacters(relative, line, more));
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

    private static SourcePosition LineColumnOf(byte[] bytes, int index)
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
        return new(line, Encoding.UTF8.GetCharCount(bytes, lineStart, Math.Max(0, index - lineStart)) + 1);
    }
}
