using System.Text.Json;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Changes;

/// <summary>
/// Compares two versions of an agreement by meaning: the parsed front matter (so comments, quoting, key order and layout do
/// not count) and the Markdown body (line endings and trailing blank lines do not count).
/// </summary>
public static class AgreementContent
{
    /// <summary>The name <see cref="Changes"/> gives a changed body.</summary>
    public const string BodyName = "the body";

    /// <summary>
    /// The top-level front-matter keys whose values differ (as <c>`title`</c>), then <see cref="BodyName"/> when the bodies
    /// differ; the keys in <paramref name="ignore"/> are not compared. Empty when nothing else changed.
    /// </summary>
    public static IReadOnlyList<string> Changes(Agreement before, string? beforeBody, Agreement after, string? afterBody, IReadOnlySet<string> ignore)
    {
        var changed = new List<string>();
        // Front-matter keys, spelled as in the file: superseded_by, executed_copy.
        var a = JsonSerializer.SerializeToElement(before, AgreementJsonContext.Default.Agreement);
        var b = JsonSerializer.SerializeToElement(after, AgreementJsonContext.Default.Agreement);
        foreach (var property in a.EnumerateObject())
        {
            if (ignore.Contains(property.Name)) continue;
            if (!b.TryGetProperty(property.Name, out var other) || !JsonElement.DeepEquals(property.Value, other)) changed.Add($"`{property.Name}`");
        }
        if (!string.Equals(beforeBody, afterBody, StringComparison.Ordinal)) changed.Add(BodyName);
        return changed;
    }

    /// <summary>The body of a file's <paramref name="text"/>, from its 1-based <paramref name="bodyLine"/>, normalized for comparison.</summary>
    public static string Body(string text, int bodyLine)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (text.Contains('\r')) text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        var at = 0;
        for (var line = 1; line < bodyLine && at >= 0; line++)
        {
            var end = text.IndexOf('\n', at);
            at = end < 0 ? -1 : end + 1;
        }
        return at < 0 ? "" : text[at..].TrimEnd('\n', ' ', '\t');
    }
}
