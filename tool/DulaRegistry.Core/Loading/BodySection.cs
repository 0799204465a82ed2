using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DulaRegistry.Loading;

/// <summary>A level-2 section of a Markdown body: its heading text, 1-based file line, and whether anything follows it.</summary>
public sealed record BodySection(string Title, int Line, bool HasContent)
{
    /// <summary>The title as headings are compared: spaces collapsed, trailing <c>:</c> or <c>.</c> dropped, lower case.</summary>
    public string Key { get; } = Normalize(Title);

    public static string Normalize(string s)
    {
        // One pass and one string (every heading of every file is normalized while loading): words joined by one space,
        // then trailing ':' and '.' dropped (not spaces: "Purpose :" keeps its space), then lower case.
        var buffer = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        var n = 0;
        foreach (var range in s.AsSpan().Split(' '))
        {
            var word = s.AsSpan(range);
            if (word.IsEmpty) continue;
            if (n > 0) buffer[n++] = ' ';
            word.CopyTo(buffer[n..]);
            n += word.Length;
        }
        var kept = buffer[..n].TrimEnd(":.");
        var lower = kept.Length <= 256 ? stackalloc char[kept.Length] : new char[kept.Length];
        kept.ToLowerInvariant(lower);
        // Most files share their headings: one key string each (SharedStrings), not one per section per file.
        return lower.SequenceEqual(s) ? s : SharedStrings.Get(lower);
    }

    /// <summary>
    /// The section titled <paramref name="title"/>, or else the one whose heading is a misspelling of it (such as
    /// <c>## Security Safegaurds</c>), which the body rules report once, at its own line, as a misspelling.
    /// </summary>
    public static BodySection? Named(IReadOnlyList<BodySection> sections, string title)
    {
        var key = Normalize(title);
        return sections.FirstOrDefault(s => s.Key == key) ?? sections.FirstOrDefault(s => IsMisspelling(s.Key, key));
    }

    /// <summary>True when heading key <paramref name="written"/> is a near miss of <paramref name="key"/> (a few letters off).</summary>
    public static bool IsMisspelling(string written, string key) =>
        written != key && FrontMatterBinder.Suggest(written, [key]) is not null;

    /// <summary>The <c>##</c> sections of a parsed body, in order.</summary>
    public static IReadOnlyList<BodySection> Find(MarkdownDocument body, int bodyLine)
    {
        var result = new List<BodySection>();
        for (var i = 0; i < body.Count; i++)
        {
            if (body[i] is not HeadingBlock { Level: 2 } heading) continue;
            var hasContent = false;
            for (var j = i + 1; j < body.Count && body[j] is not HeadingBlock { Level: <= 2 }; j++)
            {
                if (body[j] is not LinkReferenceDefinitionGroup and not ThematicBreakBlock) hasContent = true;
            }
            result.Add(new BodySection(PlainText(heading.Inline), bodyLine + heading.Line, hasContent));
        }
        return result;
    }

    /// <summary>The text of an inline container without markup.</summary>
    public static string PlainText(ContainerInline? inline)
    {
        if (inline is null) return "";
        // Nearly every heading is one run of text. Most files share their headings (SharedStrings): one title string each.
        if (inline.FirstChild is LiteralInline only && only.NextSibling is null) return SharedStrings.Get(only.Content.AsSpan().Trim());
        var text = new StringBuilder();
        foreach (var child in inline.Descendants())
        {
            switch (child)
            {
                case LiteralInline literal: text.Append(literal.Content.AsSpan()); break;
                case CodeInline code: text.Append(code.Content); break;
            }
        }
        return SharedStrings.Get(text.ToString().AsSpan().Trim());
    }
}
