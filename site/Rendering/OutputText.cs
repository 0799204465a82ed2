using System.Text;

namespace DulaRegistry.Site.Rendering;

/// <summary>
/// Keeps text that HTML, XML 1.0 and iCalendar must not carry out of every output: C0 controls other than tab, line feed and
/// carriage return, DEL, C1 controls, Unicode non-characters and unpaired surrogates. Validation already refuses such
/// characters in registry files (DULA015); this is the outputs' own guarantee of well-formed output whatever the input.
/// </summary>
public static class OutputText
{
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        if (!NeedsCleaning(value)) return value;
        var clean = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            if (!IsForbidden(rune.Value)) clean.Append(rune.ToString());
        }
        return clean.ToString();
    }

    /// <summary>A code point no export carries (a lone surrogate arrives here as U+FFFD from <see cref="string.EnumerateRunes"/>).</summary>
    public static bool IsForbidden(int c) =>
        c is < 0x20 and not ('\t' or '\n' or '\r') || c is >= 0x7F and <= 0x9F || c is >= 0xFDD0 and <= 0xFDEF || (c & 0xFFFE) == 0xFFFE;

    /// <summary>Whether <see cref="Clean"/> would change <paramref name="value"/>.</summary>
    public static bool NeedsCleaning(ReadOnlySpan<char> value)
    {
        // Most text is printable ASCII, found so a vector at a time; the characters are looked at one by one only from the
        // first other one (a fifth of the time a one-file rebuild spent writing its CSV and iCalendar exports).
        var first = value.IndexOfAnyExceptInRange(' ', '~');
        if (first < 0) return false;
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            if (IsForbidden(c)) return true;
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return true;
                if (IsForbidden(char.ConvertToUtf32(c, value[++i]))) return true;
            }
        }
        return false;
    }
}
