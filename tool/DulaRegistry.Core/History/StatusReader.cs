using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.History;

/// <summary>
/// An agreement file's <c>status</c> as the validator reads it: the loader's front-matter splitter, its YAML reader and its
/// binder, so only the front matter's top-level <c>status</c> key counts and nothing in the body can look like one.
/// </summary>
/// <remarks>
/// Three shortcuts, because history reads every version of every agreement. A front matter in the plainest YAML (one-line
/// keys and values up to <c>status: word</c>, as the registry's own files are written) is read straight from the bytes by
/// <see cref="PlainStatusScanner"/>, which answers only where every YAML reading agrees and otherwise leaves the file to the
/// YAML reader. There, only the start of the file is decoded when the front matter closes there, and the YAML is read only
/// up to the first top-level <c>status</c> entry (<see cref="YamlTreeReader.ReadUntilRootKey"/>). Everything up to that
/// entry is read and refused exactly as the loader does; a mistake after it, which makes the loader drop the whole file, is
/// not seen, so such a version still counts with the status it names. A later duplicate <c>status</c> changes nothing: the loader keeps the first one too.
/// </remarks>
internal static class StatusReader
{
    private static readonly string StatusKey = FrontMatterBinder.KeyName(nameof(Agreement.Status));

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>How many bytes are decoded first; an agreement's front matter is about 1.5 KB.</summary>
    private const int PrefixBytes = 8 * 1024;

    /// <summary>The status, or null when the file has no readable front matter or no valid status (it then contributes nothing).</summary>
    public static AgreementStatus? Read(ReadOnlySpan<byte> bytes, string relative)
    {
        // What the loader refuses anywhere in a file (binary, not UTF-8) is checked over all of it, without decoding it.
        if (bytes.IndexOf((byte)0) >= 0 || !Utf8.IsValid(bytes)) return null;
        return PlainStatusScanner.TryFind(bytes, out var word) ? BindPlain(word) : ReadYaml(bytes, relative);
    }

    /// <summary>Like <see cref="Read"/>, always through the YAML reader: what the plain scanner's answers are checked against.</summary>
    internal static AgreementStatus? ReadWithYamlReader(ReadOnlySpan<byte> bytes, string relative) =>
        bytes.IndexOf((byte)0) >= 0 || !Utf8.IsValid(bytes) ? null : ReadYaml(bytes, relative);

    private static AgreementStatus? ReadYaml(ReadOnlySpan<byte> bytes, string relative)
    {
        var prefix = PrefixLength(bytes);
        var text = FrontMatterSplitter.Normalize(StrictUtf8.GetString(bytes[..prefix]));
        var split = FrontMatterSplitter.Split(text, isWhole: prefix == bytes.Length);
        if (split.Problem == FrontMatterProblem.NeedMore)
        {
            text = FrontMatterSplitter.Normalize(StrictUtf8.GetString(bytes));
            split = FrontMatterSplitter.Split(text);
        }
        if (split.Problem != FrontMatterProblem.None) return null;

        var ignored = new DiagnosticBag(); // history shows what was merged; validating old versions is not its job
        var yaml = text.AsMemory(split.YamlStart..split.CloseStart);
        if (YamlTreeReader.ReadUntilRootKey(yaml, StatusKey, relative, 1, ignored) is not YMapping front) return null;
        if (front.Entries.FirstOrDefault(e => e.Key.Value == StatusKey) is not { } entry) return null;
        // A status is one of a few words, so each distinct scalar is bound once (the binder's answer depends on nothing else).
        if (entry.Value is not YScalar scalar || Bound.Count >= MaxBound) return Bind(entry, relative);
        return Bound.GetOrAdd((scalar.Value, scalar.Plain), static (_, e) => Bind(e, "agreements/status.md"), entry);
    }

    /// <summary>The status a plain (unquoted) one-word value names, as the binder reads it.</summary>
    private static AgreementStatus? BindPlain(ReadOnlySpan<byte> word)
    {
        var value = Encoding.ASCII.GetString(word);
        if (Bound.TryGetValue((value, true), out var status)) return status;
        var entry = new YEntry(new YScalar(StatusKey, true, SourcePosition.Start), new YScalar(value, true, SourcePosition.Start));
        return Bound.Count >= MaxBound ? Bind(entry, "agreements/status.md") : Bound.GetOrAdd((value, true), Bind(entry, "agreements/status.md"));
    }

    /// <summary>Status scalars already bound; bounded, so a history full of odd values cannot grow it without end.</summary>
    private static readonly ConcurrentDictionary<(string Value, bool Plain), AgreementStatus?> Bound = new();

    private const int MaxBound = 1024;

    /// <summary>The status entry bound by the validator's own binder, given only that entry.</summary>
    private static AgreementStatus? Bind(YEntry entry, string relative) =>
        FrontMatterBinder.Bind<Agreement>(new YMapping([entry], SourcePosition.Start), relative, new SourceMap(SourcePosition.Start), new DiagnosticBag()).Status;

    /// <summary>The first <see cref="PrefixBytes"/> bytes or fewer, cut before a character that would straddle the cut.</summary>
    private static int PrefixLength(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= PrefixBytes) return bytes.Length;
        var n = PrefixBytes;
        while (n > 0 && (bytes[n] & 0xC0) == 0x80) n--; // a continuation byte: the character started before the cut
        return n;
    }
}
