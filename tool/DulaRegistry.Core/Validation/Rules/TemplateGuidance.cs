using System.Text.RegularExpressions;
using DulaRegistry.Loading;
using DulaRegistry.Scaffolding;

namespace DulaRegistry.Validation.Rules;

/// <summary>
/// The guidance a registry's templates hold: the <c>#</c> comment lines of their front matter and the lines of their bodies
/// other than headings (the <c>&gt; Guidance:</c> quotes). A line of an agreement that matches one, after trimming, was
/// copied from the template; a <c>{{placeholder}}</c> in a template line matches any text, since <c>registry new</c> fills it in.
/// </summary>
public sealed class TemplateGuidance
{
    public static readonly IReadOnlyList<string> Files = ["templates/dula.md", "templates/amendment.md"];

    private readonly Dictionary<string, string> _exact = new(StringComparer.Ordinal);
    private readonly List<(Regex Pattern, string File)> _patterns = [];

    public static TemplateGuidance Read(string root)
    {
        var guidance = new TemplateGuidance();
        if (string.IsNullOrEmpty(root)) return guidance;
        foreach (var file in Files)
        {
            string text;
            try
            {
                text = TemplateReader.Read(root, file);
            }
            catch (ScaffoldException)
            {
                continue; // a registry without templates has no guidance to leave behind
            }
            guidance.Add(text, file);
        }
        return guidance;
    }

    /// <summary>Adds the guidance lines of one template's text.</summary>
    public void Add(string template, string file)
    {
        var lines = template.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---") return;
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...");
        for (var i = 1; i < lines.Length; i++)
        {
            if (i == close) continue;
            var line = lines[i].Trim();
            var guidance = i < close || close < 0
                ? line.StartsWith('#') && IsGuidanceComment(line)
                : line.Length > 0 && !line.StartsWith('#');
            if (guidance) AddLine(line, file);
        }
    }

    /// <summary>
    /// A comment with words in it. A lone <c>#</c> is only spacing, and the editor's schema line
    /// (<c># yaml-language-server: ...</c>) belongs in every agreement.
    /// </summary>
    private static bool IsGuidanceComment(string line) =>
        line.TrimStart('#').Trim().Length > 0 && !line.StartsWith("# yaml-language-server:", StringComparison.Ordinal);

    private void AddLine(string line, string file)
    {
        if (!line.Contains("{{", StringComparison.Ordinal))
        {
            _exact.TryAdd(line, file);
            return;
        }
        var pattern = "^" + Regex.Replace(Regex.Escape(line), @"\\\{\\\{[^}]*}}", ".*?") + "$";
        _patterns.Add((new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), file));
    }

    /// <summary>The template a trimmed line of an agreement was copied from, or null.</summary>
    public string? Source(string line)
    {
        if (_exact.TryGetValue(line, out var file)) return file;
        foreach (var (pattern, from) in _patterns)
        {
            if (pattern.IsMatch(line)) return from;
        }
        return null;
    }
}
