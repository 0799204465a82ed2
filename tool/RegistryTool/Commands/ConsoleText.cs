using System.Globalization;
using System.Text;

namespace DulaRegistry.Cli.Commands;

/// <summary>
/// Makes text from a registry (file names, values quoted in messages) safe to print on one line of a terminal or a
/// CI log: control characters, ANSI escapes, line breaks and bidirectional overrides become visible escapes such as
/// <c>\n</c> or <c>\x1B</c>, so a hostile value can neither start a line of its own (a fake "0 errors" or a fake
/// annotation) nor recolour, hide or reorder what follows.
/// </summary>
internal static class ConsoleText
{
    public static string Escape(string text)
    {
        var i = 0;
        while (i < text.Length && !NeedsEscape(text[i])) i++;
        if (i == text.Length) return text;
        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c))
            {
                escaped.Append(c);
                continue;
            }
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < '\u0100' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
            });
        }
        return escaped.ToString();
    }

    /// <summary>C0 and C1 controls, DEL, line and paragraph separators, and bidirectional marks, embeddings, overrides and isolates.</summary>
    private static bool NeedsEscape(char c) =>
        c < ' ' || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029' or '\u061C' or '\u200E' or '\u200F' or '\uFEFF'
        || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
}
