namespace DulaRegistry.Loading.YamlMistakes;

/// <summary><c>title: 'Children's data'</c>: in single quotes an apostrophe ends the value; double quotes fix it.</summary>
public sealed class ApostropheInSingleQuotes : IYamlMistakeDetector
{
    public YamlMistake? Detect(YamlSourceLines lines, YamlSourceLine line)
    {
        var value = line.Value;
        if (line.Key is null || value.Length < 3 || value[0] != '\'') return null;
        var close = ClosingQuote(value);
        // An apostrophe inside a word: the quote closes, and a letter follows it at once.
        if (close < 0 || close + 1 >= value.Length || !char.IsLetterOrDigit(value[close + 1]) || !char.IsLetterOrDigit(value[close - 1])) return null;
        var start = close;
        while (start > 1 && char.IsLetterOrDigit(value[start - 1])) start--;
        var end = close + 1;
        while (end < value.Length && char.IsLetterOrDigit(value[end])) end++;
        var meant = value[^1] == '\'' ? value[1..^1] : value[1..];
        var corrected = line.WithValue(meant.Contains('"', StringComparison.Ordinal) ? $"'{meant.Replace("'", "''", StringComparison.Ordinal)}'" : $"\"{meant}\"");
        return new(line.Number, line.ValueColumn + 1,
            $"the apostrophe in `{value[start..end]}` ends the value early, because the value is in single quotes; " +
            $"put it in double quotes instead: {YamlQuoting.Show(corrected)}");
    }

    /// <summary>The index of the quote that ends a single-quoted value (<c>''</c> is an apostrophe inside it), or -1.</summary>
    private static int ClosingQuote(string value)
    {
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] != '\'') continue;
            if (i + 1 < value.Length && value[i + 1] == '\'')
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }
}
