namespace DulaRegistry.Loading.YamlMistakes;

/// <summary>The lines of a front matter, 1-based, for the mistake detectors.</summary>
public sealed class YamlSourceLines
{
    private readonly string[] _lines;
    private readonly YamlSourceLine?[] _parsed;

    /// <param name="lineOffset">Added to a line's number to give its line in the file.</param>
    public YamlSourceLines(ReadOnlySpan<char> yaml, int lineOffset = 0)
    {
        LineOffset = lineOffset;
        _lines = yaml.ToString().Split('\n');
        _parsed = new YamlSourceLine?[_lines.Length];
    }

    public int Count => _lines.Length;

    public int LineOffset { get; }

    /// <summary>The line in the file of YAML line <paramref name="number"/>.</summary>
    public int FileLine(int number) => number + LineOffset;

    /// <summary>Line <paramref name="number"/> (1-based), or null past either end.</summary>
    public YamlSourceLine? this[int number] =>
        number < 1 || number > _lines.Length ? null : _parsed[number - 1] ??= new YamlSourceLine(number, _lines[number - 1]);

    /// <summary>The nearest line before <paramref name="number"/> that holds more than spaces or a comment.</summary>
    public YamlSourceLine? PreviousContent(int number)
    {
        for (var n = Math.Min(number, Count + 1) - 1; n >= 1; n--)
        {
            if (this[n] is { IsContent: true } line) return line;
        }
        return null;
    }
}
