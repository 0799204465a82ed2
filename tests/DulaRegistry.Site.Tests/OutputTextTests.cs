using System.Text;
using DulaRegistry.Site.Rendering;

namespace DulaRegistry.Site.Tests;

/// <summary>Every output is cleaned of the characters HTML, XML and iCalendar must not carry, wherever they stand.</summary>
public sealed class OutputTextTests
{
    /// <summary>The specification: each code point kept unless forbidden, a lone surrogate replaced by U+FFFD.</summary>
    private static string Reference(string value)
    {
        var kept = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            int c = value[i];
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) c = char.ConvertToUtf32(value[i], value[++i]);
            else if (char.IsSurrogate(value[i])) c = 0xFFFD;
            var forbidden = c is < 0x20 and not ('\t' or '\n' or '\r') || c is >= 0x7F and <= 0x9F || c is >= 0xFDD0 and <= 0xFDEF || (c & 0xFFFE) == 0xFFFE;
            if (!forbidden) kept.Append(char.ConvertFromUtf32(c));
        }
        return kept.ToString();
    }

    [Theory]
    [InlineData("plain ASCII, kept as it is: ~!@#$%^&*()_+`")]
    [InlineData("tab\tline\nend\r\n kept")]
    [InlineData("café ✓ 😀 kept")]
    [InlineData("\u0001 first")]
    [InlineData("a long ASCII stretch, longer than any vector, before the \u0007 bell")]
    [InlineData("a long ASCII stretch, longer than any vector, before a lone \uD800 high surrogate")]
    [InlineData("a long ASCII stretch, longer than any vector, before a lone low \uDC00")]
    [InlineData("a long ASCII stretch, longer than any vector, then DEL \u007F, C1 \u0085 and \uFDD0, \uFFFE, \U0001FFFF")]
    [InlineData("a long ASCII stretch, longer than any vector, then an emoji 😀 and a control \u001B at the end\u0000")]
    public void Forbidden_characters_are_removed_wherever_they_are(string value)
    {
        OutputText.Clean(value).ShouldBe(Reference(value));
        OutputText.NeedsCleaning(value).ShouldBe(Reference(value) != value);
    }

    [Fact]
    public void Generated_text_is_cleaned_as_the_specification_says()
    {
        string[] pieces = ["a", " ", "~", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "é", "😀", "\t", "\n", "\u0001", "\u007F", "\u0085", "\uD800", "\uDC00", "\uFDEF", "\uFFFF"];
        var random = new Random(1207);
        for (var run = 0; run < 5000; run++)
        {
            var value = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            OutputText.Clean(value).ShouldBe(Reference(value), value);
        }
    }
}
