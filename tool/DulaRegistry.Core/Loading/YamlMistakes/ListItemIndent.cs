namespace DulaRegistry.Loading.YamlMistakes;

/// <summary>A list item (<c>- </c>) that does not start in the same column as the item before it in the same list.</summary>
public sealed class ListItemIndent : IYamlMistakeDetector
{
    public YamlMistake? Detect(YamlSourceLines lines, YamlSourceLine line)
    {
        if (!line.IsItem || Sibling(lines, line) is not { } sibling || sibling.Indent == line.Indent) return null;
        var corrected = line.Reindented(sibling.Indent);
        return new(line.Number, 1,
            $"this list item (`- `) is indented {Spaces(line.Indent)}, but the item above it on line {lines.FileLine(sibling.Number)} is indented {Spaces(sibling.Indent)}; " +
            $"every `- ` of a list starts in the same column, and the lines under an item line up with its first key: {YamlQuoting.Show(corrected)}");
    }

    /// <summary>The item above that <paramref name="line"/> most likely continues: the nearest one with nothing less indented between them.</summary>
    private static YamlSourceLine? Sibling(YamlSourceLines lines, YamlSourceLine line)
    {
        var least = int.MaxValue;
        for (var previous = lines.PreviousContent(line.Number); previous is not null; previous = lines.PreviousContent(previous.Number))
        {
            if (previous.IsItem && previous.Indent <= least) return previous;
            // A key that opens a block less indented than this item: the item starts a list of its own under it.
            if (previous.OpensBlock && previous.Indent < line.Indent) return null;
            least = Math.Min(least, previous.Indent);
            if (least == 0) return null;
        }
        return null;
    }

    internal static string Spaces(int n) => n == 1 ? "1 space" : $"{n} spaces";
}
