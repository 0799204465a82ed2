using DulaRegistry.Diagnostics;
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

    /// <summary>Parses <paramref name="yaml"/>; returns null when nothing usable could be read.</summary>
    /// <param name="lineOffset">Added to every line so positions refer to the whole file.</param>
    public static YNode? Read(string yaml, string file, int lineOffset, IDiagnosticSink sink) =>
        Read(yaml.AsMemory(), file, lineOffset, sink);

    /// <summary>Parses a slice of a file's text without copying it.</summary>
    public static YNode? Read(ReadOnlyMemory<char> yaml, string file, int lineOffset, IDiagnosticSink sink)
    {
        if (FindTabIndent(yaml.Span) is { } tabLine)
        {
            sink.Report(new(DiagnosticCodes.YamlSyntax, Severity.Error, file, tabLine + lineOffset, 1,
                "a tab character is used for indentation; YAML allows only spaces: replace the tab with spaces"));
            return null;
        }

        var parser = new TrackingParser(new Parser(new MemoryReader(yaml)));
        try
        {
            return new Builder(parser, file, lineOffset, sink).ReadStream();
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
            sink.Report(new(DiagnosticCodes.YamlSyntax, Severity.Error, file, (int)Math.Max(1, parser.Last.Line) + lineOffset, (int)Math.Max(1, parser.Last.Column),
                "the front matter is not valid YAML from here on; check for an unclosed `[`, `{` or quote, and for indentation, colons and quotes"));
        }
        return null;

        void Syntax(YamlException ex)
        {
            var line = (int)Math.Max(1, ex.Start.Line) + lineOffset;
            var column = (int)Math.Max(1, ex.Start.Column);
            sink.Report(new(DiagnosticCodes.YamlSyntax, Severity.Error, file, line, column,
                $"the front matter is not valid YAML: {Describe(ex)}; check indentation, colons and quotes on this line"));
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

    private static int? FindTabIndent(ReadOnlySpan<char> yaml)
    {
        var line = 1;
        var atLineStart = true;
        foreach (var c in yaml)
        {
            if (c == '\n')
            {
                line++;
                atLineStart = true;
                continue;
            }
            if (atLineStart && c == '\t') return line;
            if (c != ' ') atLineStart = false;
        }
        return null;
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

    private sealed class Builder(IParser parser, string file, int lineOffset, IDiagnosticSink sink)
    {
        public YNode? ReadStream()
        {
            parser.MoveNext(); // StreamStart
            parser.MoveNext();
            if (parser.Current is not DocumentStart) return null; // empty: only comments or nothing
            parser.MoveNext();
            YNode? root = parser.Current is DocumentEnd ? null : ReadNode(1);
            parser.MoveNext(); // past DocumentEnd
            if (parser.Current is DocumentStart second)
            {
                Fail(DiagnosticCodes.YamlSyntax, second.Start, "the front matter holds more than one YAML document; remove the extra `---` line");
            }
            return root;
        }

        private YNode ReadNode(int depth)
        {
            var ev = parser.Current ?? throw new YamlException("unexpected end of the YAML text");
            if (depth > MaxDepth)
            {
                Fail(DiagnosticCodes.TooDeep, ev.Start, $"the YAML is nested more than {MaxDepth} levels deep; a registry file never needs that");
            }
            switch (ev)
            {
                case AnchorAlias alias:
                    Fail(DiagnosticCodes.AliasNotAllowed, alias.Start, $"the YAML alias `*{alias.Value}` is not allowed; write the value out in full");
                    break;
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    Fail(DiagnosticCodes.AliasNotAllowed, anchored.Start, $"the YAML anchor `&{anchored.Anchor}` is not allowed; write values out in full");
                    break;
                case NodeEvent { Tag.IsEmpty: false } tagged when !(tagged is Scalar s && s.Tag.Value is "!" && !s.IsPlainImplicit):
                    Fail(DiagnosticCodes.AliasNotAllowed, tagged.Start, $"the YAML tag `{tagged.Tag}` is not allowed; write a plain value");
                    break;
            }
            switch (ev)
            {
                case Scalar scalar:
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
                                Report(DiagnosticCodes.WrongType, keyEvent.Start, "a key must be plain text, not a list or mapping");
                                continue;
                            }
                            if (FindKey(entries, ref index, key.Value) is { } first)
                            {
                                Report(DiagnosticCodes.DuplicateKey, keyEvent.Start,
                                    $"the key `{key.Value}` appears twice (first on line {first.Line}); keep one and delete the other");
                                continue;
                            }
                            index?.Add(key.Value, key.Position);
                            entries.Add(new YEntry(key, value));
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

        private SourcePosition Pos(Mark mark) => new((int)mark.Line + lineOffset, (int)mark.Column);

        private void Report(string code, Mark at, string message) =>
            sink.Report(new(code, Severity.Error, file, (int)at.Line + lineOffset, (int)at.Column, message));

        private void Fail(string code, Mark at, string message)
        {
            Report(code, at, message);
            throw new Refused();
        }
    }
}
