using System.Buffers;
using System.Globalization;
using System.Text;
using DulaRegistry.Site.Rendering;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// Builds one iCalendar content line at a time in a reused buffer, then writes it folded so no physical line exceeds
/// 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence, with a CRLF. <see cref="Raw(string)"/> appends as is;
/// <see cref="Text(string?)"/> appends TEXT (RFC 5545 §3.3.11): cleaned of characters no export carries, then backslash,
/// semicolon and comma escaped and each line end (CRLF, LF or CR) written as <c>\n</c>. Consecutive Text pieces are one
/// value: a CR that ends one piece and an LF that starts the next are one line end.
/// </summary>
internal sealed class CalendarLineWriter(TextWriter output)
{
    private const int MaxOctets = 75;
    private static readonly SearchValues<char> s_special = SearchValues.Create("\\;,\r\n");

    private char[] _line = new char[512];
    private int _length;
    /// <summary>The last TEXT character was a CR, written as <c>\n</c>: an LF right after it belongs to the same line end.</summary>
    private bool _afterCr;

    public CalendarLineWriter Raw(string text) => Raw(text.AsSpan());

    public CalendarLineWriter Raw(ReadOnlySpan<char> text)
    {
        Add(text);
        _afterCr = false;
        return this;
    }

    /// <summary>A date in the basic format, <c>yyyyMMdd</c>.</summary>
    public CalendarLineWriter Day(DateOnly day)
    {
        Span<char> text = stackalloc char[16];
        day.TryFormat(text, out var length, "yyyyMMdd", CultureInfo.InvariantCulture);
        return Raw(text[..length]);
    }

    public CalendarLineWriter Text(string? value) => Escape(OutputText.Clean(value));

    /// <summary>A date as TEXT, <c>yyyy-MM-dd</c>.</summary>
    public CalendarLineWriter Text(DateOnly date)
    {
        Span<char> text = stackalloc char[16];
        date.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Escape(text[..length]);
    }

    public CalendarLineWriter Text(int number)
    {
        Span<char> text = stackalloc char[16];
        number.TryFormat(text, out var length, provider: CultureInfo.InvariantCulture);
        return Escape(text[..length]);
    }

    /// <summary>Writes the line, folded, and starts the next.</summary>
    public void End()
    {
        var line = _line.AsSpan(0, _length);
        if (Ascii.IsValid(line))
        {
            // One octet per character: 75 on the first physical line, 74 after each fold's leading space.
            var chunk = Math.Min(MaxOctets, line.Length);
            output.Write(line[..chunk]);
            for (line = line[chunk..]; !line.IsEmpty; line = line[chunk..])
            {
                chunk = Math.Min(MaxOctets - 1, line.Length);
                output.Write("\r\n ");
                output.Write(line[..chunk]);
            }
        }
        else
        {
            Fold(line);
        }
        output.Write("\r\n");
        _length = 0;
        _afterCr = false;
    }

    private void Fold(ReadOnlySpan<char> line)
    {
        var octets = 0;
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var isPair = char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]);
            var size = isPair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (octets + size > MaxOctets)
            {
                output.Write(line[start..i]);
                output.Write("\r\n ");
                start = i;
                octets = 1;
            }
            if (isPair) i++;
            octets += size;
        }
        output.Write(line[start..]);
    }

    private CalendarLineWriter Escape(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var special = text.IndexOfAny(s_special);
            if (special < 0)
            {
                Add(text);
                _afterCr = false;
                break;
            }
            if (special > 0)
            {
                Add(text[..special]);
                _afterCr = false;
            }
            var c = text[special];
            text = text[(special + 1)..];
            if (c == '\n' && _afterCr)
            {
                _afterCr = false; // the LF of a CRLF whose CR is already written
                continue;
            }
            Add(c switch
            {
                '\\' => @"\\",
                ';' => @"\;",
                ',' => @"\,",
                _ => @"\n",
            });
            _afterCr = c == '\r';
        }
        return this;
    }

    private void Add(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _line.Length) Array.Resize(ref _line, Math.Max(_line.Length * 2, _length + text.Length));
        text.CopyTo(_line.AsSpan(_length));
        _length += text.Length;
    }
}
