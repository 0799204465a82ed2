namespace DulaRegistry.Loading.YamlMistakes;

/// <summary>
/// Names, in plain words, the common mistake that made the YAML parser fail: looked for on the line it failed at, then
/// on the line before; first of all, a quote opened above and never closed (the parser sometimes notices a mistake only on the next line). Null when none is recognised, and
/// the caller falls back to a general sentence with the parser's own text.
/// </summary>
public static class YamlMistakeFinder
{
    /// <summary>The detectors, most specific first: an apostrophe is also a quote, a missing space also a wrong key.</summary>
    public static readonly IReadOnlyList<IYamlMistakeDetector> Detectors =
    [
        new ApostropheInSingleQuotes(),
        new ValueNeedsQuotes(),
        new ColonInValue(),
        new MissingSpaceAfterColon(),
        new ListItemIndent(),
        new KeyIndent(),
    ];

    /// <param name="errorLine">The 1-based line (within the YAML) the parser failed at.</param>
    public static YamlMistake? Find(YamlSourceLines lines, int errorLine)
    {
        if (UnclosedQuote.Find(lines, errorLine) is { } unclosed) return unclosed;
        var at = lines[errorLine] is { IsContent: true } line ? line : lines.PreviousContent(errorLine);
        foreach (var candidate in new[] { at, at is null ? null : lines.PreviousContent(at.Number) })
        {
            if (candidate is null) continue;
            foreach (var detector in Detectors)
            {
                if (detector.Detect(lines, candidate) is { } mistake) return mistake;
            }
        }
        return null;
    }
}
