using System.Text;
using DulaRegistry.Site.Rendering;

namespace DulaRegistry.Site.Tests;

/// <summary>The page writer reuses its buffers from file to file and writes exactly what a UTF-8 StreamWriter writes.</summary>
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
    };

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
    }

    [Fact]
    public void A_file_after_a_file_that_ended_in_half_a_pair_starts_clean()
    {
        var writer = new Utf8FileWriter();
        With(writer, w => w.Write("end \uD83D")).ShouldBe(WithStreamWriter(w => w.Write("end \uD83D")));
        With(writer, w => w.Write("\uDE00 next")).ShouldBe(WithStreamWriter(w => w.Write("\uDE00 next")));
    }
}
