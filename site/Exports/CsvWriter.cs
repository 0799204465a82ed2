using System.Globalization;
using DulaRegistry.Site.Rendering;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// Writes RFC 4180 rows straight to a text writer: every cell quoted, quotes doubled, CRLF line ends. A cell is built
/// from one or more pieces (several values joined by <see cref="Separator"/>); each piece is cleaned of characters no
/// export carries, and a cell whose text starts as a spreadsheet formula would (= + - @, tab or CR) gets an apostrophe
/// first (OWASP "CSV injection").
/// </summary>
internal sealed class CsvWriter(TextWriter output)
{
    /// <summary>Between several values in one cell.</summary>
    public const string Separator = "; ";

    private bool _rowStarted;
    /// <summary>Nothing of the current cell is written yet: its first character decides the formula guard.</summary>
    private bool _cellEmpty;

    public void Cell(string? value)
    {
        StartCell();
        Append(value);
        EndCell();
    }

    public void Cell(IReadOnlyList<string> values)
    {
        StartCell();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) Append(Separator);
            Append(values[i]);
        }
        EndCell();
    }

    /// <summary>yyyy-MM-dd, or an empty cell.</summary>
    public void Cell(DateOnly? date)
    {
        StartCell();
        if (date is { } d)
        {
            Span<char> text = stackalloc char[16];
            d.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            AppendClean(text[..length]);
        }
        EndCell();
    }

    public void StartCell()
    {
        if (_rowStarted) output.Write(',');
        _rowStarted = true;
        output.Write('"');
        _cellEmpty = true;
    }

    public void Append(string? value) => AppendClean(OutputText.Clean(value));

    public void EndCell() => output.Write('"');

    public void EndRow()
    {
        output.Write("\r\n");
        _rowStarted = false;
    }

    private void AppendClean(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        if (_cellEmpty && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') output.Write('\'');
        _cellEmpty = false;
        int quote;
        while ((quote = text.IndexOf('"')) >= 0)
        {
            output.Write(text[..(quote + 1)]);
            output.Write('"');
            text = text[(quote + 1)..];
        }
        output.Write(text);
    }
}
