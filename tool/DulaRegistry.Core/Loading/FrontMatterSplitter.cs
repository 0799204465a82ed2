namespace DulaRegistry.Loading;

/// <summary>What stops a file's text from splitting into front matter and body.</summary>
internal enum FrontMatterProblem
{
    None,

    /// <summary>The text is empty or only whitespace.</summary>
    Empty,

    /// <summary>The first line is not <c>---</c>.</summary>
    NoOpening,

    /// <summary>No line <c>---</c> or <c>...</c> closes the front matter.</summary>
    Unterminated,

    /// <summary>Only for a prefix of the text: the answer depends on what follows it.</summary>
    NeedMore,
}

/// <summary>Where the front matter's YAML lies in a file's text, and where its closing line starts (0-based) and is (1-based).</summary>
internal readonly record struct FrontMatterSplit(FrontMatterProblem Problem, int YamlStart, int CloseStart, int CloseLine);

/// <summary>
/// Splits a registry file's text at its front matter: the one rule the loader and the status history both follow, so what
/// counts as front matter (and so where a <c>status</c> may be) is the same for both.
/// </summary>
internal static class FrontMatterSplitter
{
    /// <summary>The text as the splitter expects it: without a byte-order mark, every line break a single <c>\n</c>.</summary>
    public static string Normalize(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (text.Contains('\r')) text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        return text;
    }

    /// <summary>
    /// Splits normalized <paramref name="text"/>. When <paramref name="isWhole"/> is false the text is a prefix of the file:
    /// a line counts only when its line break is in the prefix, and <see cref="FrontMatterProblem.NeedMore"/> says the prefix
    /// was too short to decide, so a prefix never gives an answer the whole text would not.
    /// </summary>
    public static FrontMatterSplit Split(ReadOnlySpan<char> text, bool isWhole = true)
    {
        if (text.IsWhiteSpace()) return new(isWhole ? FrontMatterProblem.Empty : FrontMatterProblem.NeedMore, 0, -1, 0);

        var firstEnd = text.IndexOf('\n');
        if (firstEnd < 0 && !isWhole) return new(FrontMatterProblem.NeedMore, 0, -1, 0);
        var firstLine = firstEnd < 0 ? text : text[..firstEnd];
        if (!firstLine.TrimEnd().SequenceEqual("---")) return new(FrontMatterProblem.NoOpening, 0, -1, 0);

        var lineNumber = 1;
        var position = firstEnd + 1;
        while (firstEnd >= 0 && position <= text.Length)
        {
            lineNumber++;
            var end = text[position..].IndexOf('\n');
            if (end < 0 && !isWhole) break; // the line may go on past the prefix
            var line = end < 0 ? text[position..] : text.Slice(position, end);
            var trimmed = line.TrimEnd();
            if (trimmed.SequenceEqual("---") || trimmed.SequenceEqual("...")) return new(FrontMatterProblem.None, firstEnd + 1, position, lineNumber);
            if (end < 0) break;
            position += end + 1;
        }
        return new(isWhole ? FrontMatterProblem.Unterminated : FrontMatterProblem.NeedMore, firstEnd + 1, -1, 0);
    }
}
