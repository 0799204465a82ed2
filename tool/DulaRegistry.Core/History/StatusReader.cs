using System.Text;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.History;

/// <summary>
/// An agreement file's <c>status</c> as the validator reads it: the same front-matter reader and binder, so only the
/// front matter's <c>status</c> key counts and nothing in the body can look like one.
/// </summary>
internal static class StatusReader
{
    private static readonly string StatusKey = FrontMatterBinder.KeyName(nameof(Agreement.Status));

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The status, or null when the file has no readable front matter or no valid status (it then contributes nothing).</summary>
    public static AgreementStatus? Read(byte[] bytes, string relative)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0) return null; // binary, which the loader refuses too
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var ignored = new DiagnosticBag(); // history shows what was merged; validating old versions is not its job
        if (RegistryLoader.ReadFrontMatter(text, relative, ignored) is not { } front) return null;
        // Bound by the validator's binder, given only the status key (binding the other keys costs time and changes nothing here).
        var status = new YMapping([.. front.Mapping.Entries.Where(e => e.Key.Value == StatusKey)], front.Mapping.Position);
        return FrontMatterBinder.Bind<Agreement>(status, relative, new SourceMap(SourcePosition.Start), ignored).Status;
    }
}
