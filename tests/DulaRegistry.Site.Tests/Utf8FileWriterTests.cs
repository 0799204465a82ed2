using System.Text;
using DulaRegistry.Site.Rendering;

namespace DulaRegistry.Site.Tests;

/// <summary>The page writer reuses its buffers from file to file and writes exactly what a UTF-8 StreamWriter writes, to a
/// stream or to a file (in one write, or in pieces when a page is larger than its buffer's limit).</summary>
public class Utf8FileWriterTests
{
    private static byte[] WithStreamWriter(Action<TextWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 14, leaveOpen: true)) write(writer);
        return stream.ToArray();
    }

    private static byte[] With(Utf8FileWriter writer, Action<TextWriter> write)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream, write);
        return stream.ToArray();
    }

    public static TheoryData<string> Texts => new()
    {
        "",
        "<p>plain ASCII</p>",
        "Massachusetts § 21 — “quoted” — 日本語 — 😀",
        new string('a', 8191) + "😀" + new string('b', 10), // a surrogate pair across the 8K buffer's edge
        "lone \uD800 high and \uDC00 low, and one at the end \uD83D",
        string.Concat(Enumerable.Repeat("<td>ÉTAT 😀</td>", 5000)),
        string.Concat(Enumerable.Repeat("<td>日本語 😀 é</td>", 60_000)), // 1.5 MB: written in pieces
    };

    /// <summary>Through a file handle, as pages are written: the file's bytes, and checks the length returned is theirs.</summary>
    private static byte[] ToFile(Utf8FileWriter writer, Action<TextWriter> write)
    {
        var path = Path.Combine(Path.GetTempPath(), "dula-writer-" + Guid.NewGuid().ToString("N"));
        try
        {
            long length;
            using (var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write)) length = writer.WriteTo(file, write);
            var bytes = File.ReadAllBytes(path);
            length.ShouldBe(bytes.LongLength);
            return bytes;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Writes_what_a_StreamWriter_writes_however_the_text_is_split(string text)
    {
        var expected = WithStreamWriter(w => w.Write(text));
        var writer = new Utf8FileWriter();
        With(writer, w => w.Write(text)).ShouldBe(expected);
        With(writer, w => { foreach (var c in text) w.Write(c); }).ShouldBe(expected);
        With(writer, w =>
        {
            for (var i = 0; i < text.Length; i += 7) w.Write(text.ToCharArray(), i, Math.Min(7, text.Length - i));
        }).ShouldBe(expected);
        ToFile(writer, w => w.Write(text)).ShouldBe(expected);
        ToFile(writer, w => { foreach (var c in text) w.Write(c); }).ShouldBe(expected);
    }

    [Fact]
    public void A_file_written_over_a_longer_one_keeps_only_its_own_bytes()
    {
        var writer = new Utf8FileWriter();
        var path = Path.Combine(Path.GetTempPath(), "dula-writer-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write)) writer.WriteTo(file, w => w.Write(new string('x', 100_000)));
            using (var file = File.OpenHandle(path, FileMode.Create, FileAccess.Write)) writer.WriteTo(file, w => w.Write("<p>short</p>"));
            File.ReadAllText(path).ShouldBe("<p>short</p>");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_after_a_file_that_ended_in_half_a_pair_starts_clean()
    {
        var writer = new Utf8FileWriter();
        With(writer, w => w.Write("end \uD83D")).ShouldBe(WithStreamWriter(w => w.Write("end \uD83D")));
        With(writer, w => w.Write("\uDE00 next")).ShouldBe(WithStreamWriter(w => w.Write("\uDE00 next")));
    }
}
