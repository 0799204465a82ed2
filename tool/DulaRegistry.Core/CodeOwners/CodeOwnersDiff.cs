namespace DulaRegistry.CodeOwners;

/// <summary>A short, diff-like list of how a committed CODEOWNERS differs from the generated one.</summary>
public static class CodeOwnersDiff
{
    /// <summary>
    /// <c>- line</c> for each line only the committed file has, then <c>+ line</c> for each only the generated one has,
    /// at most <paramref name="max"/> in all. Lines are compared as sets (the file is sorted by path, so a set difference
    /// reads like a diff and stays linear on a large registry); a file that differs only in order says so.
    /// </summary>
    public static IReadOnlyList<string> Describe(string committed, string generated, int max = 20)
    {
        var old = SplitLines(committed);
        var now = SplitLines(generated);
        var oldSet = new HashSet<string>(old, StringComparer.Ordinal);
        var nowSet = new HashSet<string>(now, StringComparer.Ordinal);
        var changes = old.Where(l => !nowSet.Contains(l)).Select(l => "- " + Visible(l))
            .Concat(now.Where(l => !oldSet.Contains(l)).Select(l => "+ " + Visible(l)))
            .ToList();
        if (changes.Count == 0)
        {
            return ["  (the same lines, but in a different order, repeated, or without the final line break)"];
        }
        if (changes.Count <= max) return changes;
        return [.. changes.Take(max), $"  ... and {changes.Count - max} more"];
    }

    // A carriage return would be invisible on a terminal, and then a changed line would look unchanged.
    private static string Visible(string line) => line.Replace("\r", "\\r", StringComparison.Ordinal);

    private static List<string> SplitLines(string text)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
