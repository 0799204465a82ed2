using System.Text.RegularExpressions;

namespace DulaRegistry.Notices;

/// <summary>
/// The hidden first line by which the tool finds what it wrote before: <c>&lt;!-- registry-remind:DULA-2026-0007:renewal --&gt;</c>.
/// Only a body's first line counts, and every piece of registry text the tool writes is escaped with
/// <see cref="MarkdownText"/>, so an agreement's title cannot carry a marker of its own.
/// </summary>
public static partial class Marker
{
    public static string Format(string kind, params string[] parts) => $"<!-- registry-{kind}:{string.Join(':', parts)} -->";

    /// <summary>The marker's parts when <paramref name="body"/> starts with a <paramref name="kind"/> marker; null otherwise.</summary>
    public static IReadOnlyList<string>? Read(string? body, string kind)
    {
        var first = (body ?? "").Split('\n', 2)[0].Trim();
        var match = MarkerPattern().Match(first);
        return match.Success && match.Groups["kind"].Value == kind ? match.Groups["parts"].Value.Split(':') : null;
    }

    public static bool Has(string? body, string kind, params string[] parts) =>
        Read(body, kind) is { } found && found.SequenceEqual(parts, StringComparer.Ordinal);

    [GeneratedRegex(@"^<!-- registry-(?<kind>[a-z-]+):(?<parts>[A-Za-z0-9._:-]+) -->$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
