using System.Text;
using System.Xml;

namespace DulaRegistry.Site.Exports;

/// <summary>How the text exports are encoded: UTF-8 without a byte order mark, through a modest buffer.</summary>
internal static class ExportText
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Characters a writer holds before encoding them to the stream.</summary>
    public const int BufferSize = 16 * 1024;

    /// <summary>Indented XML, declared and written as UTF-8; the stream stays open for the final line end. New each time: a writer locks its settings.</summary>
    public static XmlWriterSettings XmlSettings() => new() { Indent = true, Encoding = Utf8, CloseOutput = false };
}
