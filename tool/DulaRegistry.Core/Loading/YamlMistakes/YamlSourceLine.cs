using System.Text.RegularExpressions;

namespace DulaRegistry.Loading.YamlMistakes;

/// <summary>
/// One line of front matter as a drafter sees it: its indentation, whether it is a list item (<c>- </c>), and the
/// <c>key: value</c> it seems to hold. Only a reading for explaining mistakes; the YAML parser remains the judge.
/// </summary>
public sealed partial class YamlSourceLine
{
    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_-]*):(?:(?<space>[ \t]+)(?<value>.*))?$")]
    private static partial Regex KeyValue();

    public YamlSourceLine(int number, string text)
    {
        Number = number;
        Text = text.TrimEnd('\r');
        Indent = Text.Length - Text.TrimStart(' ').Length;
        Content = Text[Indent..].TrimEnd();
        IsContent = Content.Length > 0 && Content[0] != '#';
        IsItem = IsContent && (Content == "-" || Content.StartsWith("- ", StringComparison.Ordinal));
        BodyColumn = IsItem ? Indent + 1 + (Content.Length - 1 - Content[1..].TrimStart(' ').Length) : Indent;
        var body = IsItem ? Content[Math.Min(Content.Length, BodyColumn - Indent)..] : Content;
        if (IsContent && KeyValue().Match(body) is { Success: true } match)
        {
            Key = match.Groups["key"].Value;
            Value = match.Groups["value"].Success ? match.Groups["value"].Value.TrimEnd() : "";
            ValueColumn = BodyColumn + Key.Length + 1 + match.Groups["space"].Length;
        }
    }

    /// <summary>1-based, within the YAML text.</summary>
    public int Number { get; }

    public string Text { get; }

    /// <summary>Leading spaces.</summary>
    public int Indent { get; }

    /// <summary>The line without its indentation and trailing spaces.</summary>
    public string Content { get; }

    /// <summary>Holds more than spaces or a comment.</summary>
    public bool IsContent { get; }

    /// <summary>Starts with <c>- </c>: an item of a list.</summary>
    public bool IsItem { get; }

    /// <summary>0-based column where the key or value starts (after <c>- </c> for an item).</summary>
    public int BodyColumn { get; }

    /// <summary>The key, when the line reads <c>key: value</c> or <c>key:</c>; else null.</summary>
    public string? Key { get; }

    /// <summary>What follows <c>key: </c>, trailing spaces removed; empty for a key alone.</summary>
    public string Value { get; } = "";

    /// <summary>0-based column of <see cref="Value"/>.</summary>
    public int ValueColumn { get; }

    /// <summary>A key with nothing after it, such as <c>term:</c>: what follows, indented, is its value.</summary>
    public bool OpensBlock => Key is not null && Value.Length == 0;

    /// <summary>The line's first part: <c>    - </c> for an item, the indentation otherwise.</summary>
    public string Lead => Text[..BodyColumn];

    /// <summary>This line with its key's value replaced by <paramref name="value"/>.</summary>
    public string WithValue(string value) => $"{Lead}{Key}: {value}";

    /// <summary>This line indented by <paramref name="spaces"/> spaces instead.</summary>
    public string Reindented(int spaces) => new string(' ', spaces) + Content;

    public override string ToString() => Text;
}
