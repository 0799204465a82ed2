namespace DulaRegistry.Loading.YamlMistakes;

/// <summary>
/// A value that starts with a character YAML gives a meaning to (a quote, <c>[</c>, <c>{</c>, <c>*</c>, <c>&amp;</c>, <c>!</c>,
/// <c>%</c>, <c>@</c> or a backtick) but is meant as text: the whole value must be in quotes.
/// </summary>
public sealed class ValueNeedsQuotes : IYamlMistakeDetector
{
    public YamlMistake? Detect(YamlSourceLines lines, YamlSourceLine line)
    {
        var value = line.Value;
        if (line.Key is null || value.Length == 0) return null;
        var first = value[0];
        switch (first)
        {
            case '"' or '\'':
                {
                    var close = Closing(value, first);
                    // Closed and followed by more text on the line (not a comment): the text after the quote cannot be read.
                    if (close < 0 || value[(close + 1)..].Trim() is var rest && (rest.Length == 0 || rest[0] == '#')) return null;
                    var corrected = line.WithValue(YamlQuoting.Quote(YamlQuoting.Meant(value)));
                    return new(line.Number, line.ValueColumn + 1,
                        $"the value of `{line.Key}` starts with a quote, so it must also end with that quote and hold no other quote of the same kind; " +
                        $"put the whole value in quotes of the other kind: {YamlQuoting.Show(corrected)}");
                }
            case '[' or '{':
                {
                    var closer = first == '[' ? ']' : '}';
                    var close = value.LastIndexOf(closer);
                    var what = first == '[' ? "a list" : "a group of keys";
                    if (close < 0)
                    {
                        var closed = line.WithValue(value + closer);
                        return new(line.Number, line.ValueColumn + 1,
                            $"the value of `{line.Key}` starts with `{first}`, which YAML reads as the start of {what}, but there is no `{closer}` to end it; " +
                            $"if it is {what}, end it with `{closer}` on this line: {YamlQuoting.Show(closed)}; if it is text, put it in quotes: {YamlQuoting.Show(line.WithValue(YamlQuoting.Quote(value)))}");
                    }
                    if (value[(close + 1)..].Trim() is var rest && (rest.Length == 0 || rest[0] == '#')) return null;
                    return Quote(line, $"starts with `{first}`, which YAML reads as the start of {what}");
                }
            case '*' or '&' or '!' or '%' or '@' or '`':
                return Quote(line, $"starts with `{first}`, which has a special meaning at the start of a YAML value");
            default:
                return null;
        }
    }

    /// <summary>The corrected line for a value that starts with <c>&amp;</c>, <c>*</c> or <c>!</c>, for the anchor and tag messages.</summary>
    public static string? Corrected(YamlSourceLine line) =>
        line.Key is null || line.Value.Length == 0 ? null : line.WithValue(YamlQuoting.Quote(line.Value));

    private static YamlMistake Quote(YamlSourceLine line, string why) =>
        new(line.Number, line.ValueColumn + 1,
            $"the value of `{line.Key}` {why}; put the whole value in quotes: {YamlQuoting.Show(Corrected(line)!)}");

    private static int Closing(string value, char quote)
    {
        for (var i = 1; i < value.Length; i++)
        {
            if (quote == '"' && value[i] == '\\')
            {
                i++;
                continue;
            }
            if (value[i] != quote) continue;
            if (quote == '\'' && i + 1 < value.Length && value[i + 1] == '\'')
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }
}
