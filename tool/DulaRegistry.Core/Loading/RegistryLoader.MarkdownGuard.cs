namespace DulaRegistry.Loading;

/// <summary>Refusing bodies that would take Markdig seconds to minutes, before it parses them.</summary>
public static partial class RegistryLoader
{
    /// <summary>The most quotes and list items one body line may open inside each other.</summary>
    public const int MaxBodyDepth = 32;

    /// <summary>The most <c>[</c> one paragraph (a run of non-blank lines) of the body may hold.</summary>
    public const int MaxParagraphBrackets = 5000;

    /// <summary>
    /// The 0-based line of <paramref name="body"/> where it turns pathological for Markdig, or -1: a line that opens more
    /// than <see cref="MaxBodyDepth"/> nested quotes or list items (<c>&gt; - &gt; - ...</c>), or a paragraph with more than
    /// <see cref="MaxParagraphBrackets"/> brackets (<c>[](</c> runs and reference definitions take Markdig quadratic time).
    /// Markdig takes seconds to minutes over such input, so it is refused here first, with <paramref name="tooManyBrackets"/> true when the brackets are the reason.
    /// </summary>
    internal static int FindAbusiveBodyLine(string body, out bool tooManyBrackets)
    {
        var lineNumber = 0;
        var start = 0;
        var brackets = 0;
        while (start <= body.Length)
        {
            var end = body.IndexOf('\n', start);
            if (end < 0) end = body.Length;
            var line = body.AsSpan(start, end - start);
            if (ContainerDepth(line) > MaxBodyDepth && !IsThematicBreak(line))
            {
                tooManyBrackets = false;
                return lineNumber;
            }
            brackets = line.IsWhiteSpace() ? 0 : brackets + line.Count('[');
            if (brackets > MaxParagraphBrackets)
            {
                tooManyBrackets = true;
                return lineNumber;
            }
            lineNumber++;
            start = end + 1;
        }
        tooManyBrackets = false;
        return -1;

        static int ContainerDepth(ReadOnlySpan<char> line)
        {
            var depth = 0;
            var i = 0;
            while (true)
            {
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i >= line.Length) return depth;
                var marker = 0;
                if (line[i] == '>')
                {
                    marker = 1;
                }
                else if (line[i] is '-' or '*' or '+')
                {
                    marker = 1;
                    if (i + 1 < line.Length && line[i + 1] is not (' ' or '\t')) return depth;
                }
                else
                {
                    while (i + marker < line.Length && marker < 10 && char.IsAsciiDigit(line[i + marker])) marker++;
                    if (marker is 0 or 10 || i + marker >= line.Length || line[i + marker] is not ('.' or ')')) return depth;
                    marker++;
                    if (i + marker < line.Length && line[i + marker] is not (' ' or '\t')) return depth;
                }
                depth++;
                i += marker;
            }
        }

        static bool IsThematicBreak(ReadOnlySpan<char> line)
        {
            var trimmed = line.Trim(" \t");
            return trimmed.Length > 0 && trimmed[0] is '-' or '*' or '_' && trimmed.IndexOfAnyExcept(trimmed[0], ' ', '\t') < 0;
        }
    }
}
