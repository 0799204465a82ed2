namespace DulaRegistry.Loading.YamlMistakes;

/// <summary>
/// <c>retention: "Destroy within 90 days</c>: a value that opens a quote the line never closes swallows the lines after it,
/// so the parser fails further down; the mistake is on the line that opened the quote.
/// </summary>
public static class UnclosedQuote
{
    /// <summary>The nearest line at or before <paramref name="errorLine"/> whose opening quote nothing up to there closes.</summary>
    public static YamlMistake? Find(YamlSourceLines lines, int errorLine)
    {
        var last = Math.Min(errorLine, lines.Count);
        for (var n = 1; n <= last; n++)
        {
            if (lines[n] is not { Key: not null } line || line.Value.Length == 0 || line.Value[0] is not ('"' or '\'')) continue;
            var quote = line.Value[0];
            if (Closes(line.Value.AsSpan(1), quote)) continue;
            var closedLater = false;
            for (var m = n + 1; m <= last && !closedLater; m++) closedLater = Closes(lines[m]!.Text, quote);
            if (closedLater) continue;
            var corrected = line.WithValue(line.Value + quote);
            return new(n, line.ValueColumn + 1,
                $"the value of `{line.Key}` starts with a quote ({quote}) that is never closed, so YAML reads the lines after it as part of the value; " +
                $"end the value with the same quote: {YamlQuoting.Show(corrected)}");
        }
        return null;
    }

    private static bool Closes(ReadOnlySpan<char> text, char quote)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\') i++;
            else if (text[i] == quote)
            {
                if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'') i++;
                else return true;
            }
        }
        return false;
    }
}
