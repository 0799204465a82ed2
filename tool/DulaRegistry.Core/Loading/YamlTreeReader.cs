using DulaRegistry.Diagnostics;
using DulaRegistry.Loading.YamlMistakes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DulaRegistry.Loading;

/// <summary>
/// Reads YAML text into a <see cref="YNode"/> tree with file positions, refusing what a registry
/// file never needs: anchors and aliases (no "billion laughs"), tags, several documents, non-text
/// keys, duplicate keys and deep nesting.
/// </summary>
public static class YamlTreeReader
{
    public const int MaxDepth = 16;

    /// <summary>
    /// The most YAML nodes (keys, values, lists and mappings) one front matter may hold. A full agreement with ten parties
    /// and twenty data items is about 1,500; the limit is far above that and keeps the tree of a hostile file (a million
    /// one-character keys fit in the byte limit) to a few megabytes.
    /// </summary>
    public const int MaxNodes = 20_000;

    /// <summary>Parses <paramref name="yaml"/>; returns null when nothing usable could be read.</summary>
    /// <param name="lineOffset">Added to every line so positions refer to the whole file.</param>
    public static YNode? Read(string yaml, string file, int lineOffset, IDiagnosticSink sink) =>
        Read(yaml.AsMemory(), file, lineOffset, sink);

    /// <summary>Parses a slice of a file's text without copying it.</summary>
    public static YNode? Read(ReadOnlyMemory<char> yaml, string file, int lineOffset, IDiagnosticSink sink) =>
        Read(yaml, file, lineOffset, sink, stopAfterRootKey: null);

    /// <summary>
    /// Like <see cref="Read(ReadOnlyMemory{char}, string, int, IDiagnosticSink)"/>, with the same refusals, but stops once the
    /// root mapping's first entry named <paramref name="key"/> has been read: the mapping returned then holds the entries up to
    /// and including it. What follows that entry is not read, so a mistake there is neither seen nor reported. For readers that
    /// need one key near the top of many files (status history), where parsing the rest costs most of the time.
    /// </summary>
    public static YNode? ReadUntilRootKey(ReadOnlyMemory<char> yaml, string key, string file, int lineOffset, IDiagnosticSink sink) =>
        Read(yaml, file, lineOffset, sink, key);

    private static YNode? Read(ReadOnlyMemory<char> yaml, string file, int lineOffset, IDiagnosticSink sink, string? stopAfterRootKey) =>
        (stopAfterRootKey is null ? FastYamlReader.Read(yaml.Span, lineOffset) : null) ?? ReadWithYamlDotNet(yaml, file, lineOffset, sink, stopAfterRootKey);

    /// <summary>The general reader, for any YAML and every diagnostic; <see cref="FastYamlReader"/> takes the common case before it.</summary>
    internal static YNode? ReadWithYamlDotNet(ReadOnlyMemory<char> yaml, string file, int lineOffset, IDiagnosticSink sink, string? stopAfterRootKey = null)
    {
        // A directive needs a `---` after it, which would end the front matter: so one is never valid here, and YamlDotNet
        // reads a front matter of only a directive as no document at all, which would skip the file without a word.
        if (FindDirective(yaml.Span) is { } directiveLine)
        {
            sink.Report(YamlDiagnostics.Directive(file, directiveLine + lineOffset));
            return null;
        }

        var parser = new TrackingParser(new Parser(new MemoryReader(yaml)));
        // The lines are split only to explain a mistake, which is rare.
        var lines = new Lazy<YamlSourceLines>(() => new YamlSourceLines(yaml.Span, lineOffset));
        var builder = new Builder(parser, file, lineOffset, sink, lines) { StopAfterRootKey = stopAfterRootKey };
        try
        {
            var root = builder.ReadStream();
            // After an early stop, only the lines read so far: a later one may be inside a multi-line value not yet seen.
            if (FindTabIndent(yaml.Span, builder.ScalarSpans, builder.Stopped ? (int)Math.Max(1, parser.Last.Line) : int.MaxValue) is { } tabLine)
            {
                TabIndent(tabLine);
                return null;
            }
            return root;
        }
        catch (SemanticErrorException ex)
        {
            Syntax(ex);
        }
        catch (SyntaxErrorException ex)
        {
            Syntax(ex);
        }
        catch (YamlException ex)
        {
            Syntax(ex);
        }
        catch (Refused)
        {
            // Already reported.
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner fails with these on some malformed input, such as an unclosed `[` or `{` followed by
            // more keys; the mistake is at or just after the last event it read.
            var line = (int)Math.Max(1, parser.Last.Line);
            if (FindTabIndent(yaml.Span, builder.ScalarSpans, line + 1) is { } tabLine)
            {
                TabIndent(tabLine);
                return null;
            }
            if (Explain(line)) return null;
            sink.Report(YamlDiagnostics.UnreadableFromHere(file, new(line + lineOffset, (int)Math.Max(1, parser.Last.Column))));
        }
        return null;

        void TabIndent(int tabLine)
        {
            var text = lines.Value[tabLine]?.Text ?? "";
            var content = text.AsSpan().TrimStart(" \t").TrimEnd().ToString();
            // Lined up with the key above, or two spaces under a key that opens a block (such as `term:`).
            var spaces = lines.Value.PreviousContent(tabLine) is { } above ? KeyIndent.Expected(above) : 0;
            var corrected = new string(' ', spaces) + content;
            sink.Report(YamlDiagnostics.TabIndent(file, tabLine + lineOffset, corrected));
        }

        // A common mistake named in plain words, with the corrected line; false when none is recognised.
        bool Explain(int errorLine)
        {
            if (YamlMistakeFinder.Find(lines.Value, errorLine) is not { } mistake) return false;
            sink.Report(YamlDiagnostics.Mistake(file, lineOffset, mistake));
            return true;
        }

        void Syntax(YamlException ex)
        {
            // A tab used for indentation up to the failing line is the likelier mistake, and the one to name. YamlDotNet
            // places some tab errors at the start of the enclosing mapping, before the tab: then look further.
            var last = ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? int.MaxValue : (int)Math.Max(ex.Start.Line, ex.End.Line);
            if (FindTabIndent(yaml.Span, builder.ScalarSpans, last) is { } tabLine)
            {
                TabIndent(tabLine);
                return;
            }
            if (Explain((int)Math.Max(1, ex.Start.Line))) return;
            var line = (int)Math.Max(1, ex.Start.Line) + lineOffset;
            var column = (int)Math.Max(1, ex.Start.Column);
            // The last resort: a plain sentence first, the parser's own words after it.
            sink.Report(YamlDiagnostics.NotKeyValue(file, new(line, column), Describe(ex)));
        }
    }

    private static string Describe(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (...): "; the position is ours to print.
        var message = ex.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line", StringComparison.Ordinal) && cut >= 0) message = message[(cut + 3)..];
        return message.TrimEnd('.').Replace('\n', ' ').Replace('\r', ' ');
    }

    /// <summary>The line of a <c>%</c> directive before the first key or value, if there is one.</summary>
    private static int? FindDirective(ReadOnlySpan<char> yaml)
    {
        var line = 1;
        foreach (var range in yaml.Split('\n'))
        {
            var text = yaml[range];
            if (text.StartsWith('%')) return line;
            var content = text.TrimStart(" \t\r");
            if (content.Length > 0 && content[0] != '#') return null;
            line++;
        }
        return null;
    }

    /// <summary>
    /// The first line, up to <paramref name="lastLine"/>, indented with a tab: one that starts with spaces and a tab and holds
    /// more than a comment. A line inside a scalar that spans lines (a quoted value, a block scalar such as <c>|</c>, or a
    /// plain value continued on the next line) is not indentation: there a tab is part of the value, and valid YAML.
    /// </summary>
    private static int? FindTabIndent(ReadOnlySpan<char> yaml, List<(long Start, long End)> scalarSpans, int lastLine)
    {
        var line = 1;
        var start = 0;
        while (start <= yaml.Length && line <= lastLine)
        {
            var end = yaml[start..].IndexOf('\n');
            var text = end < 0 ? yaml[start..] : yaml.Slice(start, end);
            var indent = text.IndexOfAnyExcept(' ');
            if (indent >= 0 && text[indent] == '\t')
            {
                var content = text[indent..].TrimStart(" \t");
                if (content.Length > 0 && content[0] != '#' && !Inside(start + indent)) return line;
            }
            if (end < 0) break;
            start += end + 1;
            line++;
        }
        return null;

        bool Inside(int index)
        {
            foreach (var (from, to) in scalarSpans)
            {
                if (index > from && index < to) return true;
            }
            return false;
        }
    }

    /// <summary>A <see cref="TextReader"/> over a slice of a string, so front matter is parsed in place.</summary>
    private sealed class MemoryReader(ReadOnlyMemory<char> text) : TextReader
    {
        private int _position;

        public override int Peek() => _position < text.Length ? text.Span[_position] : -1;

        public override int Read() => _position < text.Length ? text.Span[_position++] : -1;

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(buffer.Length, text.Length - _position);
            text.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));
    }

    private sealed class Refused : Exception
    {
    }

    /// <summary>Remembers where the last event started, to place errors YamlDotNet reports without a position.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark Last { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current) Last = current.Start;
            return moved;
        }
    }

    private sealed class Builder(IParser parser, string file, int lineOffset, IDiagnosticSink sink, Lazy<YamlSourceLines> lines)
    {
        private int _nodes;

        /// <summary>Where each scalar that spans lines starts and ends (character indexes), for <see cref="FindTabIndent"/>.</summary>
        public List<(long Start, long End)> ScalarSpans { get; } = [];

        /// <summary>A root key after whose entry reading stops (see <see cref="ReadUntilRootKey"/>), or null to read everything.</summary>
        public string? StopAfterRootKey { get; init; }

        /// <summary>True when reading stopped at <see cref="StopAfterRootKey"/>.</summary>
        public bool Stopped { get; private set; }

        public YNode? ReadStream()
        {
            parser.MoveNext(); // StreamStart
            parser.MoveNext();
            if (parser.Current is not DocumentStart) return null; // empty: only comments or nothing
            parser.MoveNext();
            YNode? root = parser.Current is DocumentEnd ? null : ReadNode(1);
            if (Stopped) return root;
            parser.MoveNext(); // past DocumentEnd
            if (parser.Current is DocumentStart second)
            {
                Fail(YamlDiagnostics.MoreThanOneDocument(file, Pos(second.Start)));
            }
            return root;
        }

        private YNode ReadNode(int depth)
        {
            var ev = parser.Current ?? throw new YamlException("unexpected end of the YAML text");
            if (++_nodes > MaxNodes)
            {
                Fail(YamlDiagnostics.TooManyValues(file, Pos(ev.Start), MaxNodes));
            }
            if (depth > MaxDepth)
            {
                Fail(YamlDiagnostics.YamlTooDeep(file, Pos(ev.Start), MaxDepth));
            }
            switch (ev)
            {
                case AnchorAlias alias:
                    Fail(YamlDiagnostics.Alias(file, Pos(alias.Start), alias.Value.ToString(), AsText(alias.Start, '*')));
                    break;
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    Fail(YamlDiagnostics.Anchor(file, Pos(anchored.Start), anchored.Anchor.ToString(), AsText(anchored.Start, '&')));
                    break;
                case NodeEvent { Tag.IsEmpty: false } tagged when !(tagged is Scalar s && s.Tag.Value is "!" && !s.IsPlainImplicit):
                    Fail(YamlDiagnostics.Tag(file, Pos(tagged.Start), tagged.Tag.ToString(), AsText(tagged.Start, '!')));
                    break;
            }
            switch (ev)
            {
                case Scalar scalar:
                    if (scalar.Start.Line != scalar.End.Line) ScalarSpans.Add((scalar.Start.Index, scalar.End.Index));
                    // Escapes such as "\e" or "\x85" in a quoted value put invisible characters in it that the file itself does not hold.
                    if (InvisibleCharacters.IndexOf(scalar.Value) is var at and >= 0)
                    {
                        sink.Report(FileDiagnostics.InvisibleEscape(file, Pos(scalar.Start), InvisibleCharacters.CodePointAt(scalar.Value, at)));
                    }
                    parser.MoveNext();
                    return new YScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, Pos(scalar.Start));
                case SequenceStart seq:
                    {
                        parser.MoveNext();
                        var items = new List<YNode>();
                        while (parser.Current is not SequenceEnd)
                        {
                            items.Add(ReadNode(depth + 1));
                        }
                        parser.MoveNext();
                        return new YSequence(items, Pos(seq.Start));
                    }
                case MappingStart map:
                    {
                        parser.MoveNext();
                        var entries = new List<YEntry>();
                        // Registry mappings are small: look for duplicates by scanning, and index only a large (hostile) mapping.
                        Dictionary<string, SourcePosition>? index = null;
                        while (parser.Current is not MappingEnd)
                        {
                            var keyEvent = parser.Current!;
                            var keyNode = ReadNode(depth + 1);
                            var value = ReadNode(depth + 1);
                            if (keyNode is not YScalar key)
                            {
                                sink.Report(FieldDiagnostics.KeyNotText(file, Pos(keyEvent.Start)));
                                continue;
                            }
                            if (FindKey(entries, ref index, key.Value) is { } first)
                            {
                                sink.Report(YamlDiagnostics.DuplicateKey(file, Pos(keyEvent.Start), key.Value, first.Line));
                                continue;
                            }
                            index?.Add(key.Value, key.Position);
                            entries.Add(new YEntry(key, value));
                            if (depth == 1 && key.Value == StopAfterRootKey)
                            {
                                Stopped = true;
                                return new YMapping(entries, Pos(map.Start));
                            }
                        }
                        parser.MoveNext();
                        return new YMapping(entries, Pos(map.Start));
                    }
                default:
                    throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
            }
        }

        private static SourcePosition? FindKey(List<YEntry> entries, ref Dictionary<string, SourcePosition>? index, string key)
        {
            if (index is null && entries.Count >= 16)
            {
                index = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
                foreach (var entry in entries) index.Add(entry.Key.Value, entry.Key.Position);
            }
            if (index is not null) return index.TryGetValue(key, out var found) ? found : null;
            foreach (var entry in entries)
            {
                if (entry.Key.Value == key) return entry.Key.Position;
            }
            return null;
        }

        /// <summary>When the line's value starts with <paramref name="mark"/> (<c>title: &amp;Co wage match</c>), how to keep it as text.</summary>
        // The line with its value in quotes, when the mark may be part of the text; else null.
        private string? AsText(Mark at, char mark) =>
            lines.Value[(int)at.Line] is { } line && line.Value.StartsWith(mark) ? ValueNeedsQuotes.Corrected(line) : null;

        private SourcePosition Pos(Mark mark) => new((int)mark.Line + lineOffset, (int)mark.Column);

        private void Fail(Diagnostic diagnostic)
        {
            sink.Report(diagnostic);
            throw new Refused();
        }
    }
}
