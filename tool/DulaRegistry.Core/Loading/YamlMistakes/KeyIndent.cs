namespace DulaRegistry.Loading.YamlMistakes;

/// <summary>A <c>key: value</c> line indented differently from the keys around it.</summary>
public sealed class KeyIndent : IYamlMistakeDetector
{
    public YamlMistake? Detect(YamlSourceLines lines, YamlSourceLine line)
    {
        if (line.IsItem || line.Key is null || lines.PreviousContent(line.Number) is not { } above) return null;
        // Lined up against a key or list item only: after anything else (`? key`, a continued value) the columns mean nothing.
        if (above.Key is null && !above.IsItem) return null;
        // The first key under `term:` may be indented as deeply as the drafter likes.
        if (above.OpensBlock && !above.IsItem && line.Indent > above.Indent) return null;
        if (above.OpensBlock && above.IsItem && line.Indent > above.BodyColumn) return null;
        var allowed = Columns(lines, above);
        if (allowed.Contains(line.Indent)) return null;
        // The nearest column a key around it starts in; on a tie, the key just above (the likeliest sibling).
        var expected = allowed.OrderBy(c => Math.Abs(c - line.Indent)).ThenBy(c => c == above.BodyColumn ? 0 : 1).First();
        var sibling = expected == above.BodyColumn || above.Key is null ? above : Owner(lines, above, expected) ?? above;
        var corrected = line.Reindented(expected);
        return new(line.Number, 1,
            $"`{line.Key}:` starts after {ListItemIndent.Spaces(line.Indent)}, but `{(sibling.Key is { } key ? key + ":" : sibling.Content)}` on line {lines.FileLine(sibling.Number)} starts after {ListItemIndent.Spaces(expected)}; " +
            $"keys at the same level start in the same column: {YamlQuoting.Show(corrected)}");
    }

    /// <summary>The indentation a line after <paramref name="above"/> most likely needs: under a key that opens a block, two
    /// spaces more; otherwise that of <paramref name="above"/>'s key.</summary>
    public static int Expected(YamlSourceLine above) => above.OpensBlock ? above.Indent + 2 : above.BodyColumn;

    /// <summary>The columns a key after <paramref name="above"/> may start in: that of <paramref name="above"/>'s key and those of the keys it is nested in.</summary>
    private static List<int> Columns(YamlSourceLines lines, YamlSourceLine above)
    {
        var columns = new List<int> { above.BodyColumn };
        var least = above.Indent;
        for (var previous = lines.PreviousContent(above.Number); previous is not null && least > 0; previous = lines.PreviousContent(previous.Number))
        {
            if (previous.Indent >= least) continue;
            if (previous.Key is not null) columns.Add(previous.BodyColumn);
            least = previous.Indent;
        }
        if (!columns.Contains(0)) columns.Add(0);
        return columns;
    }

    /// <summary>The line above whose key starts in <paramref name="column"/>.</summary>
    private static YamlSourceLine? Owner(YamlSourceLines lines, YamlSourceLine above, int column)
    {
        for (var previous = lines.PreviousContent(above.Number); previous is not null; previous = lines.PreviousContent(previous.Number))
        {
            if (previous.Key is not null && previous.BodyColumn == column) return previous;
        }
        return null;
    }
}
