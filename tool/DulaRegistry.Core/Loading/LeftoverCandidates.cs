using System.Text.RegularExpressions;

namespace DulaRegistry.Loading;

public enum LeftoverKind
{
    /// <summary>A <c>{{name}}</c> placeholder.</summary>
    Placeholder,
    /// <summary>The word <c>TODO</c>.</summary>
    Todo,
    /// <summary>A <c>#</c> comment line of the front matter; a leftover when the template has it.</summary>
    YamlComment,
    /// <summary>A quote (<c>&gt;</c>) or HTML comment line of the body; a leftover when the template has it.</summary>
    BodyNote,
}

/// <summary>A line (1-based, in the file) that may be left over from a template, with the text that makes it so (trimmed).</summary>
public sealed record LeftoverCandidate(LeftoverKind Kind, int Line, int Column, string Text);

/// <summary>
/// Collects, while a file is loaded, what may be left over from its template: YAML comments are not in the YAML tree, so
/// the front matter's lines are scanned here; whether a comment or quote is the template's own is decided by the rules,
/// which read the templates.
/// </summary>
public static partial class LeftoverCandidates
{
    [GeneratedRegex(@"\{\{[^{}\n]{0,60}\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\bTODO\b")]
    private static partial Regex Todo();

    /// <param name="text">The whole file, line breaks normalised to <c>\n</c>.</param>
    /// <param name="closeLine">The 1-based line of the front matter's closing <c>---</c>.</param>
    public static IReadOnlyList<LeftoverCandidate> Collect(string text, int closeLine)
    {
        List<LeftoverCandidate>? found = null;
        void Add(LeftoverKind kind, int line, int column, string value) => (found ??= []).Add(new(kind, line, column, value));

        var number = 0;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            number++;
            var line = text.AsSpan()[range];
            if (number == 1 || number == closeLine) continue;
            var trimmed = line.Trim();
            if (trimmed.IsEmpty) continue;
            if (number < closeLine && trimmed[0] == '#') Add(LeftoverKind.YamlComment, number, line.IndexOf('#') + 1, trimmed.ToString());
            else if (number > closeLine && (trimmed[0] == '>' || trimmed.StartsWith("<!--"))) Add(LeftoverKind.BodyNote, number, line.IndexOf(trimmed[0]) + 1, trimmed.ToString());
            if (line.Contains("{{", StringComparison.Ordinal))
            {
                foreach (var match in Placeholder().EnumerateMatches(line)) Add(LeftoverKind.Placeholder, number, match.Index + 1, line.Slice(match.Index, match.Length).ToString());
            }
            if (line.Contains("TODO", StringComparison.Ordinal))
            {
                foreach (var match in Todo().EnumerateMatches(line)) Add(LeftoverKind.Todo, number, match.Index + 1, "TODO");
            }
        }
        return found ?? (IReadOnlyList<LeftoverCandidate>)[];
    }
}
