using System.Text;

namespace DulaRegistry.Loading;

/// <summary>
/// Characters no registry text may hold: C0 controls other than tab, line feed and carriage return, DEL, C1 controls
/// (U+0080 to U+009F) and Unicode non-characters (U+FDD0 to U+FDEF, and U+xFFFE and U+xFFFF of every plane). They are
/// invisible in most editors and on the site, and some (such as the escape U+001B) drive terminals.
/// </summary>
public static class InvisibleCharacters
{
    /// <summary>True for a code point that no registry text may hold.</summary>
    public static bool IsForbidden(int codePoint) =>
        codePoint is < 0x20 and not ('\t' or '\n' or '\r')
        || codePoint is >= 0x7F and <= 0x9F
        || codePoint is >= 0xFDD0 and <= 0xFDEF
        || (codePoint & 0xFFFE) == 0xFFFE;

    /// <summary>The index in <paramref name="text"/> of the first forbidden character at or after <paramref name="start"/>, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<char> text, int start = 0)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            // Fast path: printable ASCII and most of the BMP.
            if (c is >= ' ' and < '\x7F') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsForbidden(char.ConvertToUtf32(c, text[i + 1]))) return i;
                i++;
                continue;
            }
            if (IsForbidden(c)) return i;
        }
        return -1;
    }

    /// <summary>The code point at <paramref name="index"/>.</summary>
    public static int CodePointAt(ReadOnlySpan<char> text, int index) =>
        Rune.DecodeFromUtf16(text[index..], out var rune, out _) == System.Buffers.OperationStatus.Done ? rune.Value : text[index];

    /// <summary>"U+001B (escape)": the character's number and, where it has a common one, its name.</summary>
    public static string Name(int codePoint)
    {
        var name = codePoint switch
        {
            0x00 => "null",
            0x07 => "bell",
            0x08 => "backspace",
            0x0B => "vertical tab",
            0x0C => "form feed",
            0x1B => "escape",
            0x7F => "delete",
            0x85 => "next line",
            < 0x20 => "a control character",
            < 0xA0 => "a control character",
            _ => "a Unicode non-character",
        };
        return $"U+{codePoint:X4} ({name})";
    }

    /// <summary>The plain-words explanation that goes with every report of one.</summary>
    public static string Describe(int codePoint) =>
        codePoint is < 0xA0
            ? $"the invisible control character {Name(codePoint)}"
            : $"the Unicode non-character {Name(codePoint)}";
}
