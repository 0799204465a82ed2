using System.Text;

namespace DulaRegistry.Notices;

/// <summary>
/// Puts registry or request text into an issue or pull request body as plain text: Markdown punctuation and HTML are
/// escaped, so a title cannot format, link, hide a fake marker (<c>&lt;!-- ... --&gt;</c>) or end a table; an <c>@</c>
/// gets a word joiner, so it mentions nobody; control characters and line breaks become spaces.
/// </summary>
public static class MarkdownText
{
    // Parentheses need no escape: a link needs a `]` before them, and that is escaped.
    private const string Punctuation = "\\`*_{}[]<>#+!|~&";

    /// <summary>One line of plain text.</summary>
    public static string Escape(string? text)
    {
        var escaped = new StringBuilder((text ?? "").Length + 8);
        foreach (var c in text ?? "")
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029') escaped.Append(' ');
            else if (c == '@') escaped.Append("@\u2060");
            else if (Punctuation.Contains(c, StringComparison.Ordinal)) escaped.Append('\\').Append(c);
            else escaped.Append(c);
        }
        return escaped.ToString().Trim();
    }

    /// <summary>Several lines of plain text as a block quote, indented by <paramref name="indent"/> (under a list item).</summary>
    public static string Quote(string text, string indent = "")
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        return string.Join('\n', lines.Select(l => $"{indent}> {Escape(l)}".TrimEnd()));
    }
}
