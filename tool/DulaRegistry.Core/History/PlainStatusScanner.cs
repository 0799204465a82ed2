namespace DulaRegistry.History;

/// <summary>
/// Finds the <c>status</c> of a front matter written in the plainest YAML, straight from the file's bytes, or says it cannot:
/// then the caller reads the file with the full YAML reader. Answers only where every YAML reading is the same, so it gives
/// the status the full reader would, or no answer at all.
/// </summary>
/// <remarks>
/// It answers when, from the first line on: the file starts with a <c>---</c> line; every line before the <c>status</c> line
/// is empty, a comment at the start of the line, or <c>key: value</c> on one line at the start of the line, with a value
/// that starts with a letter or digit and holds only letters, digits, spaces and <c>-_.,/()+;=?'</c> (so no indicator, no
/// comment, no <c>: </c>, no quotes to open, nothing that can continue on the next line); the <c>status</c> line is
/// <c>status: word</c>; the next line that is neither empty nor a comment is a plain <c>key:</c> at the start of the line or
/// the closing line (all the YAML reader looks at after the status value); and a line that is exactly <c>---</c> or
/// <c>...</c> closes the front matter later, with no <c>\r</c> before it and no other line before it that starts with
/// <c>---</c> or <c>...</c> (which a looser closing rule might take). Those lines are ASCII, so no character there is a line
/// break in YAML's eyes that is not one in the splitter's. The UTF-8 check over the whole file is the caller's.
/// </remarks>
internal static class PlainStatusScanner
{
    private static ReadOnlySpan<byte> StatusKey => "status"u8;

    /// <summary>True when the front matter is plain enough to read here; <paramref name="status"/> is then the status value's bytes.</summary>
    public static bool TryFind(ReadOnlySpan<byte> bytes, out ReadOnlySpan<byte> status)
    {
        status = default;
        if (!bytes.StartsWith("---\n"u8)) return false;
        var rest = bytes[4..];

        // Up to and including the status line.
        while (true)
        {
            var end = rest.IndexOf((byte)'\n');
            if (end < 0) return false;
            var line = rest[..end];
            rest = rest[(end + 1)..];
            if (line.IsEmpty) continue;
            if (line[0] == '#')
            {
                if (!IsAsciiText(line)) return false;
                continue;
            }
            if (!TrySplitEntry(line, out var key, out var value)) return false;
            if (key.SequenceEqual(StatusKey))
            {
                if (!IsWord(value)) return false;
                status = value;
                break;
            }
            if (!IsPlainValue(value)) return false;
        }

        // The YAML reader reads on to the first token after the status value: a plain key at the start of a line, or the end.
        var closed = false;
        while (true)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            if (IsClosing(line, out var isExact))
            {
                if (!isExact) return false;
                closed = true;
                break;
            }
            if (end < 0) return false; // the last line, and not a closing line: never closed
            rest = rest[(end + 1)..];
            if (line.IsEmpty) continue;
            if (line[0] == '#')
            {
                if (!IsAsciiText(line)) return false;
                continue;
            }
            if (!StartsWithPlainKey(line) || line.IndexOf((byte)'\r') >= 0) return false;
            break;
        }

        // The rest of the front matter is not read as YAML; only the line that closes it matters, as the splitter finds it.
        while (!closed)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            if (line.IndexOf((byte)'\r') >= 0) return false; // a line break to the splitter: the lines are not these
            if (IsClosing(line, out var isExact))
            {
                if (!isExact) return false;
                closed = true;
            }
            else if (end < 0)
            {
                return false;
            }
            else
            {
                rest = rest[(end + 1)..];
            }
        }
        return true;
    }

    /// <summary><c>key: value</c>, with a plain key at the start of the line and one or more spaces after the colon.</summary>
    private static bool TrySplitEntry(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        key = value = default;
        var colon = KeyLength(line);
        if (colon <= 0 || colon + 1 >= line.Length || line[colon] != ':' || line[colon + 1] != ' ') return false;
        key = line[..colon];
        value = line[(colon + 1)..].TrimStart((byte)' ');
        return true;
    }

    /// <summary>A plain key at the start of the line, then a colon that ends the line or is followed by a space.</summary>
    private static bool StartsWithPlainKey(ReadOnlySpan<byte> line)
    {
        var colon = KeyLength(line);
        return colon > 0 && colon < line.Length && line[colon] == ':' && (colon + 1 == line.Length || line[colon + 1] == ' ');
    }

    /// <summary>How long the key at the start of the line is: a letter or <c>_</c>, then letters, digits, <c>_</c> and <c>-</c>; 0 when there is none.</summary>
    private static int KeyLength(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || !(char.IsAsciiLetter((char)line[0]) || line[0] == '_')) return 0;
        var n = 1;
        while (n < line.Length && (char.IsAsciiLetterOrDigit((char)line[n]) || line[n] is (byte)'_' or (byte)'-')) n++;
        return n;
    }

    /// <summary>A one-line plain value that no YAML reader can take for anything but text.</summary>
    private static bool IsPlainValue(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || !char.IsAsciiLetterOrDigit((char)value[0]) || value[^1] == ' ') return false;
        foreach (var b in value)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)' ' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)',' or (byte)'/'
                or (byte)'(' or (byte)')' or (byte)'+' or (byte)';' or (byte)'=' or (byte)'?' or (byte)'\''))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A status word: letters, digits, <c>-</c> and <c>_</c>, starting with a letter, and nothing after it.</summary>
    private static bool IsWord(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || !char.IsAsciiLetter((char)value[0])) return false;
        foreach (var b in value)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_')) return false;
        }
        return true;
    }

    /// <summary>Printable ASCII only, as a comment line must be here.</summary>
    private static bool IsAsciiText(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is < 0x20 or > 0x7E) return false;
        }
        return true;
    }

    /// <summary>A line that starts like a closing line; <paramref name="isExact"/> when it is exactly <c>---</c> or <c>...</c>.</summary>
    private static bool IsClosing(ReadOnlySpan<byte> line, out bool isExact)
    {
        isExact = line.SequenceEqual("---"u8) || line.SequenceEqual("..."u8);
        return isExact || line.StartsWith("---"u8) || line.StartsWith("..."u8);
    }
}
