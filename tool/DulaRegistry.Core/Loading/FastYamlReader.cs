using System.Buffers;

namespace DulaRegistry.Loading;

/// <summary>
/// Reads the everyday YAML that nearly every registry file is written in straight into the position-carrying
/// <see cref="YNode"/> tree: block mappings and lists, one-line plain or quoted values (quoted without escapes), and
/// one-line flow lists and mappings (<c>[a, b]</c>, <c>{ name: x }</c>). It is several times faster than YamlDotNet's
/// general parser and allocates a fraction of it. It never decides what is valid: anything outside that subset, and
/// anything that would draw a diagnostic (a duplicate key, a tab, an invisible character, too many values), makes it
/// give up (null), and <see cref="YamlTreeReader"/> reads the text with YamlDotNet as before. A test checks that whatever
/// it accepts gives the very tree YamlDotNet gives, positions included.
/// </summary>
internal ref struct FastYamlReader
{
    // Nesting and size are checked with margins below YamlTreeReader's limits, so a text near a limit goes to the reader
    // that reports it.
    private const int MaxDepth = YamlTreeReader.MaxDepth - 2;
    private const int MaxNodes = YamlTreeReader.MaxNodes / 2;
    private const int MaxEntries = 64;

    /// <summary>YAML allows a key written without <c>?</c> at most 1,024 characters; one near that is YamlDotNet's to refuse.</summary>
    private const int MaxKeyLength = 1000;

    private static readonly SearchValues<char> FlowPlainStops = SearchValues.Create(",[]{}:#");

    // Printable ASCII. (MemoryExtensions.IndexOfAnyExceptInRange boxed a char per line break here: 10 MB at 10,000 files.)
    private static readonly SearchValues<char> PrintableAscii = SearchValues.Create(Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c).ToArray());

    private readonly ReadOnlySpan<char> _text;
    private readonly int _lineOffset;
    private readonly int[] _starts;
    private readonly int[] _ends;
    private readonly int _lines;
    private int _nodes;

    private FastYamlReader(ReadOnlySpan<char> text, int lineOffset, int[] starts, int[] ends, int lines)
    {
        _text = text;
        _lineOffset = lineOffset;
        _starts = starts;
        _ends = ends;
        _lines = lines;
    }

    /// <summary>The tree of <paramref name="yaml"/>, or null when it is not in the subset this reader takes.</summary>
    /// <param name="lineOffset">Added to every line, as in <see cref="YamlTreeReader"/>.</param>
    public static YNode? Read(ReadOnlySpan<char> yaml, int lineOffset)
    {
        if (!OnlyPlainCharacters(yaml)) return null;
        var count = yaml.Count('\n') + 1;
        var starts = ArrayPool<int>.Shared.Rent(count);
        var ends = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var line = 0;
            var start = 0;
            while (true)
            {
                var end = yaml[start..].IndexOf('\n');
                var stop = end < 0 ? yaml.Length : start + end;
                var text = yaml[start..stop];
                // Directives and document markers belong to YamlDotNet (and to the diagnostics it leads to).
                if (text.StartsWith('%') || text.StartsWith("---") || text.StartsWith("...")) return null;
                (starts[line], ends[line]) = (start, stop);
                line++;
                if (end < 0) break;
                start = stop + 1;
            }
            return new FastYamlReader(yaml, lineOffset, starts, ends, line).ReadRoot();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(ends);
        }
    }

    /// <summary>
    /// False for a tab or any character outside printable ASCII and the ordinary rest of the Basic Multilingual Plane:
    /// controls, line and paragraph separators, byte-order marks, surrogates and non-characters all go to YamlDotNet.
    /// </summary>
    private static bool OnlyPlainCharacters(ReadOnlySpan<char> yaml)
    {
        var i = 0;
        while (true)
        {
            var at = yaml[i..].IndexOfAnyExcept(PrintableAscii);
            if (at < 0) return true;
            i += at;
            var c = yaml[i];
            if (c != '\n' && (c < '\u00A0' || c is '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c) || InvisibleCharacters.IsForbidden(c)))
            {
                return false;
            }
            i++;
        }
    }

    private readonly ReadOnlySpan<char> Line(int line) => _text[_starts[line].._ends[line]];

    /// <summary>The first line at or after <paramref name="line"/> that holds more than spaces or a comment.</summary>
    private readonly int NextContent(int line)
    {
        for (; line < _lines; line++)
        {
            var text = Line(line);
            var indent = text.IndexOfAnyExcept(' ');
            if (indent >= 0 && text[indent] != '#') return line;
        }
        return _lines;
    }

    private readonly int Indent(int line) => Line(line).IndexOfAnyExcept(' ');

    private readonly SourcePosition Position(int line, int column) => new(line + 1 + _lineOffset, column + 1);

    private readonly bool IsDash(int line, int column)
    {
        var text = Line(line);
        return text[column] == '-' && (column + 1 == text.Length || text[column + 1] == ' ');
    }

    private bool Count(int depth) => ++_nodes <= MaxNodes && depth <= MaxDepth;

    private YMapping? ReadRoot()
    {
        var line = NextContent(0);
        if (line == _lines) return null;
        var column = Indent(line);
        if (!IsKey(line, column)) return null;
        var root = ReadMapping(ref line, column, 1);
        return line == _lines ? root : null;
    }

    /// <summary>A block node starting at the first content character of <paramref name="line"/>.</summary>
    private YNode? ReadBlock(ref int line, int column, int depth)
    {
        if (IsDash(line, column)) return ReadSequence(ref line, column, depth, indentless: false);
        return IsKey(line, column) ? ReadMapping(ref line, column, depth) : null;
    }

    /// <summary>A block mapping whose first key is at <paramref name="column"/> of <paramref name="line"/> and whose other keys are lines indented that far.</summary>
    private YMapping? ReadMapping(ref int line, int column, int depth)
    {
        if (!Count(depth)) return null;
        var position = Position(line, column);
        var entries = new List<YEntry>();
        while (true)
        {
            if (ReadKey(line, column, depth + 1) is not (YScalar key, var afterColon) || !CanAdd(entries, key)) return null;
            if (ReadValue(ref line, afterColon, column, depth + 1, inSequence: false) is not { } value) return null;
            entries.Add(new YEntry(key, value));
            if (line == _lines) break;
            var indent = Indent(line);
            if (indent < column) break;
            if (indent > column) return null;
        }
        return new YMapping(entries, position);
    }

    /// <summary>A block list whose first <c>-</c> is at <paramref name="column"/>; an indentless one (under a key, level with it) ends at the next key.</summary>
    private YSequence? ReadSequence(ref int line, int column, int depth, bool indentless)
    {
        if (!Count(depth)) return null;
        var position = Position(line, column);
        var items = new List<YNode>();
        while (true)
        {
            if (ReadValue(ref line, _starts[line] + column + 1, column, depth + 1, inSequence: true) is not { } item) return null;
            items.Add(item);
            if (line == _lines) break;
            var indent = Indent(line);
            if (indent < column) break;
            if (indent > column) return null;
            if (!IsDash(line, column))
            {
                if (indentless) break;
                return null;
            }
        }
        return new YSequence(items, position);
    }

    /// <summary>
    /// The value after a key's colon or a list item's dash (<paramref name="from"/>, an index into the text), on that line
    /// or, when the line ends there, in the lines indented under it. Leaves <paramref name="line"/> at the next content line.
    /// </summary>
    private YNode? ReadValue(ref int line, int from, int parentColumn, int depth, bool inSequence)
    {
        var lineStart = _starts[line];
        var lineEnd = _ends[line];
        var i = from;
        while (i < lineEnd && _text[i] == ' ') i++;
        if (i == lineEnd || (_text[i] == '#' && i > from))
        {
            var next = NextContent(line + 1);
            if (next < _lines)
            {
                var indent = Indent(next);
                if (indent > parentColumn)
                {
                    line = next;
                    return ReadBlock(ref line, indent, depth);
                }
                if (indent == parentColumn && !inSequence && IsDash(next, indent))
                {
                    line = next;
                    return ReadSequence(ref line, indent, depth, indentless: true);
                }
            }
            if (!Count(depth)) return null;
            var empty = new YScalar("", true, Position(line, from - lineStart));
            line = next;
            return empty;
        }

        var column = i - lineStart;
        if (inSequence)
        {
            if (IsDash(line, column)) return ReadSequence(ref line, column, depth, indentless: false);
            if (IsKey(line, column)) return ReadMapping(ref line, column, depth);
        }

        YNode? node;
        var c = _text[i];
        if (c is '[' or '{')
        {
            node = ReadFlow(ref i, lineEnd, line, depth);
        }
        else if (c is '\'' or '"')
        {
            node = ReadQuoted(ref i, lineEnd, line, depth);
        }
        else
        {
            if (!CanStartPlain(c)) return null;
            var end = i;
            while (end < lineEnd && !(_text[end] == '#' && _text[end - 1] == ' ')) end++;
            var value = _text[i..end].TrimEnd(' ');
            // `a: b` in a value, or a value ending in a colon, is a mapping where none may be: YamlDotNet explains it.
            if (value.EndsWith(':') || value.Contains(": ", StringComparison.Ordinal) || !Count(depth)) return null;
            node = new YScalar(SharedStrings.Get(value), true, Position(line, column));
            i = end;
        }
        if (node is null || !RestIsComment(i, lineEnd)) return null;

        line = NextContent(line + 1);
        // A line indented under a one-line value continues it (or is a mistake): either way, YamlDotNet's to read.
        if (line < _lines && Indent(line) > parentColumn) return null;
        return node;
    }

    /// <summary>False for a duplicate key (YamlDotNet's to report) or a mapping too large to search key by key.</summary>
    private static bool CanAdd(List<YEntry> entries, YScalar key)
    {
        if (entries.Count == MaxEntries) return false;
        foreach (var entry in entries)
        {
            if (entry.Key.Value == key.Value) return false;
        }
        return true;
    }

    private readonly bool RestIsComment(int i, int lineEnd)
    {
        while (i < lineEnd && _text[i] == ' ') i++;
        return i == lineEnd || (_text[i] == '#' && _text[i - 1] == ' ');
    }

    private static bool CanStartPlain(char c) => c is not ('-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or '\\');

    private readonly bool IsKey(int line, int column) => KeyEnd(line, column) >= 0;

    /// <summary>The index of the colon ending a plain key at <paramref name="column"/>, or -1 when there is no such key.</summary>
    private readonly int KeyEnd(int line, int column)
    {
        var start = _starts[line] + column;
        var end = _ends[line];
        if (start >= end || !CanStartPlain(_text[start])) return -1;
        for (var i = start; i < end; i++)
        {
            switch (_text[i])
            {
                case ':':
                    return (i + 1 == end || _text[i + 1] == ' ') && _text[i - 1] != ' ' && i - start <= MaxKeyLength ? i : -1;
                case '#' when _text[i - 1] == ' ':
                case ',' or '[' or ']' or '{' or '}':
                    return -1;
            }
        }
        return -1;
    }

    private (YScalar Key, int AfterColon)? ReadKey(int line, int column, int depth)
    {
        var colon = KeyEnd(line, column);
        if (colon < 0 || !Count(depth)) return null;
        var start = _starts[line] + column;
        return (new YScalar(SharedStrings.Get(_text[start..colon]), true, Position(line, column)), colon + 1);
    }

    /// <summary>A quoted value that ends on its line; double-quoted ones only without escapes.</summary>
    private YScalar? ReadQuoted(ref int i, int lineEnd, int line, int depth)
    {
        var quote = _text[i];
        var start = i;
        var content = i + 1;
        var doubled = false;
        for (i = content; i < lineEnd; i++)
        {
            var c = _text[i];
            if (quote == '"' && c == '\\') return null;
            if (c != quote) continue;
            if (quote == '\'' && i + 1 < lineEnd && _text[i + 1] == '\'')
            {
                doubled = true;
                i++;
                continue;
            }
            if (!Count(depth)) return null;
            var raw = _text[content..i];
            var value = doubled ? raw.ToString().Replace("''", "'", StringComparison.Ordinal) : SharedStrings.Get(raw);
            i++;
            return new YScalar(value, false, Position(line, start - _starts[line]));
        }
        return null;
    }

    /// <summary>A flow list or mapping that closes on its line, with plain or quoted values.</summary>
    private YNode? ReadFlow(ref int i, int lineEnd, int line, int depth)
    {
        if (!Count(depth)) return null;
        var open = _text[i];
        var close = open == '[' ? ']' : '}';
        var position = Position(line, i - _starts[line]);
        var items = open == '[' ? new List<YNode>() : null;
        var entries = open == '{' ? new List<YEntry>() : null;
        i++;
        SkipSpaces(ref i, lineEnd);
        if (i < lineEnd && _text[i] == close)
        {
            i++;
            return items is not null ? new YSequence(items, position) : new YMapping(entries!, position);
        }
        while (true)
        {
            if (entries is not null)
            {
                // A key: plain, then a colon and a space, then a value (an empty one is YamlDotNet's to place).
                var keyStart = i;
                if (ReadFlowPlain(ref i, lineEnd, line, depth + 1) is not { } key || i + 1 >= lineEnd || _text[i] != ':' || _text[i + 1] != ' ') return null;
                if (i - keyStart > MaxKeyLength || !CanAdd(entries, key)) return null;
                i += 2;
                SkipSpaces(ref i, lineEnd);
                if (ReadFlowNode(ref i, lineEnd, line, depth + 1) is not { } value) return null;
                entries.Add(new YEntry(key, value));
            }
            else
            {
                if (ReadFlowNode(ref i, lineEnd, line, depth + 1) is not { } item) return null;
                items!.Add(item);
            }
            SkipSpaces(ref i, lineEnd);
            if (i >= lineEnd) return null;
            if (_text[i] == close)
            {
                i++;
                return items is not null ? new YSequence(items, position) : new YMapping(entries!, position);
            }
            if (_text[i] != ',') return null;
            i++;
            SkipSpaces(ref i, lineEnd);
            // A trailing comma, or a line that ends inside the brackets: YamlDotNet's.
            if (i >= lineEnd || _text[i] == close) return null;
        }
    }

    private YNode? ReadFlowNode(ref int i, int lineEnd, int line, int depth)
    {
        if (i >= lineEnd) return null;
        YNode? node = _text[i] switch
        {
            '[' or '{' => ReadFlow(ref i, lineEnd, line, depth),
            '\'' or '"' => ReadQuoted(ref i, lineEnd, line, depth),
            _ => ReadFlowPlain(ref i, lineEnd, line, depth),
        };
        // After a value comes a comma or the closing bracket; a colon would make it a key.
        if (node is null) return null;
        SkipSpaces(ref i, lineEnd);
        return i < lineEnd && _text[i] is ',' or ']' or '}' ? node : null;
    }

    /// <summary>A plain value inside brackets: it stops at a comma, a bracket, a colon or a comment.</summary>
    private YScalar? ReadFlowPlain(ref int i, int lineEnd, int line, int depth)
    {
        if (i >= lineEnd || !CanStartPlain(_text[i])) return null;
        var start = i;
        var stop = _text[i..lineEnd].IndexOfAny(FlowPlainStops);
        if (stop < 0) return null;
        i += stop;
        // A `#` inside a value is text, after a space a comment; either way YamlDotNet's to read.
        if (_text[i] is '#' or '[' or '{') return null;
        if (_text[i] == ':' && (i + 1 >= lineEnd || _text[i + 1] != ' ')) return null;
        var value = _text[start..i].TrimEnd(' ');
        if (value.Length == 0 || !Count(depth)) return null;
        return new YScalar(SharedStrings.Get(value), true, Position(line, start - _starts[line]));
    }

    private readonly void SkipSpaces(ref int i, int lineEnd)
    {
        while (i < lineEnd && _text[i] == ' ') i++;
    }
}
