using System.Text;
using DulaRegistry.IO;

namespace DulaRegistry.Scaffolding;

/// <summary>Reads a file of <c>templates/</c> the safe way (a regular file only, never through a link, never a pipe).</summary>
public static class TemplateReader
{
    /// <summary>Far above any template; a larger file is not a template.</summary>
    public const long MaxBytes = 256 * 1024;

    /// <param name="relative">Such as <c>templates/dula.md</c>.</param>
    /// <exception cref="ScaffoldException">the template is missing, not a regular file, too large or not UTF-8 text.</exception>
    public static string Read(string root, string relative)
    {
        var read = RegularFile.Read(Path.Combine(root, relative), MaxBytes);
        var problem = read.Status switch
        {
            ReadStatus.Ok => null,
            ReadStatus.Missing => $"{relative} is missing; restore it from the registry's history (the new agreement is made from it)",
            ReadStatus.NotAFile => $"{relative} is {read.Kind.Describe()}, not a regular file; templates are read only from real files, so replace it with the template's text",
            ReadStatus.TooLarge => $"{relative} is {read.Size:N0} bytes, over the {MaxBytes:N0} a template may hold",
            _ => $"{relative} cannot be read: {read.Error}",
        };
        if (problem is not null) throw new ScaffoldException(problem);
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(read.Bytes!);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new ScaffoldException($"{relative} is not UTF-8 text; save it as UTF-8");
        }
    }
}
