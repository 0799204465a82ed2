using DulaRegistry.Diagnostics;
using DulaRegistry.Markdown;

namespace DulaRegistry.Loading;

/// <summary>Parsing one file: splitting off the front matter, reading its YAML, binding it, and parsing the Markdown body once.</summary>
public static partial class RegistryLoader
{
    /// <summary>Loads one registry file; null (with diagnostics) when it has no usable front matter.</summary>
    public static RegistryDocument<T>? LoadDocument<T>(string fullPath, string relative, long maxBytes, IDiagnosticSink sink, bool keepMarkdown = false)
        where T : class, new()
    {
        var text = TextFile.Read(fullPath, relative, maxBytes, sink, out var bytes);
        return text is null ? null : Parse<T>(text, relative, Sha256Hex(bytes), sink, keepMarkdown);
    }

    /// <summary>Parses a registry file's text (front matter and Markdown body).</summary>
    public static RegistryDocument<T>? Parse<T>(string text, string relative, string sha256, IDiagnosticSink sink, bool keepMarkdown = true)
        where T : class, new()
    {
        var front = ReadFrontMatter(text, relative, sink);
        return front is null ? null : Complete<T>(front, relative, sha256, sink, keepMarkdown);
    }

    /// <summary>A file split at its front matter, with the front matter read into a YAML tree.</summary>
    internal sealed record FrontMatter(string Text, YMapping Mapping, int CloseStart, int CloseLine);

    /// <summary>The first half of parsing: delimiters and YAML (kept apart from binding so each can be measured alone).</summary>
    internal static FrontMatter? ReadFrontMatter(string text, string relative, IDiagnosticSink sink)
    {
        text = FrontMatterSplitter.Normalize(text);
        var (problem, yamlStart, closeStart, closeLine) = FrontMatterSplitter.Split(text);
        switch (problem)
        {
            case FrontMatterProblem.Empty:
                sink.Report(FileDiagnostics.EmptyFile(relative));
                return null;
            case FrontMatterProblem.NoOpening:
                sink.Report(FileDiagnostics.NoOpeningLine(relative));
                return null;
            case FrontMatterProblem.Unterminated or FrontMatterProblem.NeedMore:
                sink.Report(FileDiagnostics.UnterminatedFrontMatter(relative));
                return null;
        }

        var yaml = text.AsMemory(yamlStart..closeStart);
        var tree = YamlTreeReader.Read(yaml, relative, 1, sink);
        if (tree is null)
        {
            if (yaml.ToString().Split('\n').All(l => l.TrimStart().StartsWith('#') || l.Trim().Length == 0))
            {
                sink.Report(FieldDiagnostics.FrontMatterEmpty(relative));
            }
            return null;
        }
        if (tree is not YMapping mapping)
        {
            sink.Report(FieldDiagnostics.FrontMatterNotMapping(relative, tree.Position));
            return null;
        }

        return new FrontMatter(text, mapping, closeStart, closeLine);
    }

    /// <summary>The file name without <c>.md</c>; the model's own id string when that is what the file declares (as it must), so
    /// that the two are one string (at 100,000 agreements, 5 MB of duplicate ids).</summary>
    private static string StemOf<T>(string relative, T model) where T : class
    {
        var stem = Path.GetFileNameWithoutExtension(relative.AsSpan());
        var id = model switch
        {
            Model.Agreement agreement => agreement.Id,
            Model.Agency agency => agency.Id,
            _ => null,
        };
        return id is not null && stem.SequenceEqual(id) ? id : stem.ToString();
    }

    /// <summary>A file loaded before with the same bytes, from <paramref name="cached"/>: its source map is made again, from the
    /// file read again (<see cref="PositionsFromFile"/>), only if a rule asks where a value is. Such a file has loaded without a
    /// diagnostic before, so only a rule over several files (an agency since removed) ever asks.</summary>
    internal static RegistryDocument<T> FromCache<T>(ParsedFile<T> cached, string relative, string sha256, Func<SourceMap> positions) where T : class, new()
    {
        var map = SourceMap.Deferred(SourcePosition.Start, positions);
        return new RegistryDocument<T>(relative, StemOf(relative, cached.Model), cached.Model, map, cached.Facts, null, cached.BodyLine, sha256)
        {
            BodyView = cached.View,
        };
    }

    /// <summary>The source map of a file loaded from <paramref name="fullPath"/> with a deferred one: the file is read again and,
    /// if its bytes are still those loaded, its front matter bound again to record where each value is. (If the file changed
    /// since, nothing is recorded and positions fall back to the top of the file.)</summary>
    /// <remarks>A method of its own so that the function holds only these four strings: a lambda written in the loader would
    /// share its closure with the file's text and syntax tree, and keep them all alive.</remarks>
    internal static Func<SourceMap> PositionsFromFile<T>(string fullPath, string relative, string sha256, long maxBytes) where T : class, new() => () =>
    {
        var map = new SourceMap(SourcePosition.Start);
        var quiet = DiscardSink.Instance;
        if (TextFile.Read(fullPath, relative, maxBytes, quiet, out var bytes) is { } text && Sha256Hex(bytes) == sha256
            && ReadFrontMatter(text, relative, quiet) is { } front)
        {
            FrontMatterBinder.Bind<T>(front.Mapping, relative, map, quiet);
        }
        return map;
    };

    /// <summary>The second half of parsing: binding the front matter, and the Markdown body.</summary>
    internal static RegistryDocument<T>? Complete<T>(FrontMatter front, string relative, string sha256, IDiagnosticSink sink, bool keepMarkdown,
        Func<Markdig.Syntax.MarkdownDocument, object>? bodyView = null, Func<SourceMap>? positions = null)
        where T : class, new()
    {
        var (text, mapping, closeStart, closeLine) = front;
        // Loading a folder, positions are found again only for a file a rule reports on: most files are never asked, and
        // a map for each held a third of what a loaded registry keeps (27 of 75 MB at 10,000 agreements).
        var map = positions is null ? new SourceMap(SourcePosition.Start) : SourceMap.Deferred(SourcePosition.Start, positions);
        var model = FrontMatterBinder.Bind<T>(mapping, relative, map, sink);

        var stem = StemOf(relative, model);
        var bodyOffset = text.IndexOf('\n', closeStart);
        var body = bodyOffset < 0 ? "" : text[(bodyOffset + 1)..];
        if (FindAbusiveBodyLine(body, out var brackets) is var deep and >= 0)
        {
            var line = closeLine + 1 + deep;
            sink.Report(brackets
                ? YamlDiagnostics.BodyTooManyBrackets(relative, line, MaxParagraphBrackets)
                : YamlDiagnostics.BodyLineTooDeep(relative, line, MaxBodyDepth));
            return null;
        }
        Markdig.Syntax.MarkdownDocument markdown;
        try
        {
            var pipeline = keepMarkdown || bodyView is not null ? RegistryMarkdown.Pipeline : RegistryMarkdown.FactsPipeline;
            markdown = Markdig.Markdown.Parse(body, pipeline);
        }
        catch (ArgumentException ex) when (ex.Message.Contains("too deeply nested", StringComparison.Ordinal))
        {
            // Markdig's own limit, for nesting spread over several lines or inside a line (brackets, emphasis).
            sink.Report(YamlDiagnostics.BodyTooDeep(relative, closeLine + 1));
            return null;
        }
        var facts = BodyFacts.Collect(markdown, body, closeLine + 1) with { Leftovers = LeftoverCandidates.Collect(text, closeLine) };
        var view = bodyView?.Invoke(markdown);
        return new RegistryDocument<T>(relative, stem, model, map, facts, keepMarkdown ? markdown : null, closeLine + 1, sha256) { BodyView = view };
    }
}
