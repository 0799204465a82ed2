using System.Text;
using DulaRegistry.Site.Exports;
using DulaRegistry.Site.Rendering;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// The streaming writers of the CSV and iCalendar exports against the plain string forms they replaced (kept here as the
/// specification): on hand-picked and generated hostile text, both must give the same bytes. The goldens only hold
/// well-behaved text; these hold line ends split over pieces, characters removed between CR and LF, surrogate pairs and
/// multi-byte characters at the fold, lone surrogates and formula-like cells.
/// </summary>
public sealed class ExportWriterTests
{
    /// <summary>Pieces the generated values are made of: every character class the writers treat apart.</summary>
    private static readonly string[] s_alphabet =
    [
        "a", "Z", "7", " ", "é", "€", "中", "😀", "\uD800", "\uDC00", "\r", "\n", "\r\n", "\\", ";", ",", "\"", "=", "+", "-", "@",
        "\t", "\u0001", "\u007F", "\u0085", "\uFDD0", "\uFFFE", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ];

    /// <summary>What the calendar puts between the values of one TEXT property (always ASCII).</summary>
    private static readonly string[] s_separators = ["\n", "\nStatus: ", ", ", " expires: ", " (expires ", ")", ""];

    [Theory]
    [InlineData("plain")]
    [InlineData("a\r", "\n", "b")] // one line end split over two pieces
    [InlineData("a\r\u0001\nb")] // a removed character between CR and LF leaves one line end
    [InlineData("\r\r\n\n\r")]
    [InlineData("back\\slash; semi, comma")]
    [InlineData("lone \uD800 high", "\n", "lone \uDC00 low")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx😀😀")] // a pair on the 75th octet
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx€€€")] // three octets on the fold
    public void Calendar_text_lines_match_the_string_form(params string[] pieces) =>
        CalendarBytes("DESCRIPTION:", pieces).ShouldBe(OldCalendarBytes("DESCRIPTION:", pieces));

    [Fact]
    public void Calendar_text_lines_match_the_string_form_on_generated_text()
    {
        var random = new Random(20261122);
        for (var run = 0; run < 2000; run++)
        {
            var pieces = Enumerable.Range(0, random.Next(1, 6))
                .SelectMany((_, i) => i == 0 ? [Generated(random)] : new[] { s_separators[random.Next(s_separators.Length)], Generated(random) })
                .ToArray();
            CalendarBytes("SUMMARY:", pieces).ShouldBe(OldCalendarBytes("SUMMARY:", pieces), Show(pieces));
        }
    }

    [Fact]
    public void Calendar_raw_lines_fold_as_the_string_form_did()
    {
        var random = new Random(7);
        for (var run = 0; run < 2000; run++)
        {
            var raw = Generated(random) + Generated(random) + Generated(random);
            var written = Written(text =>
            {
                new CalendarLineWriter(text).Raw("UID:").Raw(raw).End();
            });
            written.ShouldBe(Encoding.UTF8.GetBytes(OldLine("UID:" + raw)), Show([raw]));
        }
    }

    [Theory]
    [InlineData("=SUM(A1)")]
    [InlineData("", "+1")] // the guard looks at the cell, not at each value: "; +1" is no formula
    [InlineData("\u0001=x")] // removed characters do not hide a formula
    [InlineData("say \"hi\"", "\"")]
    [InlineData("\t", "@")]
    public void Csv_cells_match_the_string_form(params string[] values) =>
        CsvBytes(values).ShouldBe(OldCsvBytes(values));

    [Fact]
    public void Csv_cells_match_the_string_form_on_generated_text()
    {
        var random = new Random(4180);
        for (var run = 0; run < 2000; run++)
        {
            var values = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(5) == 0 ? "" : Generated(random)).ToArray();
            CsvBytes(values).ShouldBe(OldCsvBytes(values), Show(values));
        }
    }

    private static string Generated(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => s_alphabet[random.Next(s_alphabet.Length)]));

    private static string Show(IEnumerable<string> pieces) =>
        string.Join(" | ", pieces.Select(p => string.Concat(p.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"))));

    private static byte[] Written(Action<TextWriter> write)
    {
        using var stream = new MemoryStream();
        using (var text = new StreamWriter(stream, new UTF8Encoding(false), 16, leaveOpen: true)) write(text); // a tiny buffer: pieces cross flushes
        return stream.ToArray();
    }

    private static byte[] CalendarBytes(string property, string[] pieces) => Written(text =>
    {
        var line = new CalendarLineWriter(text).Raw(property);
        foreach (var piece in pieces) line.Text(piece);
        line.End();
    });

    private static byte[] OldCalendarBytes(string property, string[] pieces) =>
        Encoding.UTF8.GetBytes(OldLine(property + OldText(string.Concat(pieces))));

    private static byte[] CsvBytes(string[] values) => Written(text =>
    {
        var csv = new CsvWriter(text);
        csv.Cell(values);
        csv.Cell("next");
        csv.EndRow();
    });

    private static byte[] OldCsvBytes(string[] values) =>
        Encoding.UTF8.GetBytes($"\"{OldGuard(string.Join("; ", values)).Replace("\"", "\"\"", StringComparison.Ordinal)}\",\"next\"\r\n");

    // The string forms of CalendarExport and CsvExport before they streamed (commit a9bab2a).

    private static string OldText(string value) => OutputText.Clean(value)
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    private static string OldLine(string line)
    {
        var ics = new StringBuilder();
        var octets = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var isPair = char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]);
            var size = isPair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (octets + size > 75)
            {
                ics.Append("\r\n ");
                octets = 1;
            }
            ics.Append(c);
            if (isPair) ics.Append(line[++i]);
            octets += size;
        }
        return ics.Append("\r\n").ToString();
    }

    private static string OldGuard(string cell)
    {
        cell = OutputText.Clean(cell);
        return cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
    }
}
