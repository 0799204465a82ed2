using System.Security.Cryptography;
using DulaRegistry.Diagnostics;
using DulaRegistry.IO;
using DulaRegistry.Markdown;
using DulaRegistry.Model;
using Markdig;

namespace DulaRegistry.Loading;

/// <summary>
/// Loads <c>registry.yml</c>, <c>agencies/*.md</c> and <c>agreements/*.md</c> under a root. Each file is
/// read and parsed exactly once, in parallel; anything wrong with a file becomes a diagnostic on it and
/// the other files load as usual.
/// </summary>
public static class RegistryLoader
{
    public const string SettingsFile = "registry.yml";
    public const string AgenciesFolder = "agencies";
    public const string AgreementsFolder = "agreements";

    public static LoadedRegistry Load(string root, IDiagnosticSink sink, LoadOptions? options = null)
    {
        options ??= LoadOptions.Default;
        root = Path.GetFullPath(root);
        var settings = LoadSettings(root, sink);
        var (agencies, agencyFiles) = LoadFolder<Agency>(root, AgenciesFolder, settings, options, sink);
        var (agreements, agreementFiles) = LoadFolder<Agreement>(root, AgreementsFolder, settings, options, sink);
        return new LoadedRegistry(root, settings, agencies, agreements) { AgencyFiles = agencyFiles, AgreementFiles = agreementFiles };
    }

    /// <summary>The most bytes <c>registry.yml</c> may hold, and the most <c>max_file_bytes</c> may allow: a pull request
    /// that raises the limit cannot make the tool read files of any size.</summary>
    public const long MaxSettingsBytes = 1024 * 1024;

    /// <summary>The highest <c>max_file_bytes</c> accepted (8 MiB): far above any agreement's text.</summary>
    public const long MaxFileBytesCeiling = 8 * 1024 * 1024;

    public static RegistrySettings LoadSettings(string root, IDiagnosticSink sink)
    {
        var path = Path.Combine(root, SettingsFile);
        if (RegularFile.KindOf(path) == FileKind.Missing) return new RegistrySettings();
        var text = TextFile.Read(path, SettingsFile, MaxSettingsBytes, sink, out _);
        if (text is null) return new RegistrySettings();
        if (text.StartsWith('\uFEFF')) text = text[1..]; // a byte-order mark, as some Windows editors write
        var tree = YamlTreeReader.Read(text, SettingsFile, 0, sink);
        if (tree is null) return new RegistrySettings();
        if (tree is not YMapping mapping)
        {
            sink.Report(new(DiagnosticCodes.Settings, Severity.Error, SettingsFile, tree.Position.Line, tree.Position.Column,
                "`registry.yml` must be a mapping of settings such as `name: ...`"));
            return new RegistrySettings();
        }
        var map = new SourceMap(SourcePosition.Start);
        var settings = FrontMatterBinder.Bind<RegistrySettings>(mapping, SettingsFile, map, sink);
        void Bad(string key, string message)
        {
            var at = map[key];
            sink.Report(new(DiagnosticCodes.Settings, Severity.Error, SettingsFile, at.Line, at.Column, message));
        }
        // An invalid setting is reported once and replaced by its default, so it cannot flood every file with errors.
        if (settings.IdPrefix is { } prefix && !IsIdPrefix(prefix))
        {
            Bad("id_prefix", $"`id_prefix` ({prefix}) must be capital letters and digits, starting with a letter, such as DULA");
            settings = settings with { IdPrefix = null };
        }
        if (settings.MaxTermYears is < 1 or > 50)
        {
            Bad("max_term_years", "`max_term_years` must be between 1 and 50");
            settings = settings with { MaxTermYears = null };
        }
        if (settings.RenewalWindowDays is > 3650)
        {
            Bad("renewal_window_days", "`renewal_window_days` must be at most 3650");
            settings = settings with { RenewalWindowDays = null };
        }
        if (settings.MaxFileBytes is < 1024 or > MaxFileBytesCeiling)
        {
            Bad("max_file_bytes", $"`max_file_bytes` must be between 1024 and {MaxFileBytesCeiling:N0} (8 MiB); the default of {new RegistrySettings().EffectiveMaxFileBytes:N0} is used instead");
            settings = settings with { MaxFileBytes = null };
        }
        if (settings.RequiredSections is { Count: 0 })
        {
            Bad("required_sections", "`required_sections` must list at least one section heading, or be left out for the default seven");
            settings = settings with { RequiredSections = null };
        }
        return settings;
    }

    private static bool IsIdPrefix(string prefix) =>
        prefix.Length is > 0 and <= 16 && char.IsAsciiLetterUpper(prefix[0]) && prefix.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>Loads every <c>.md</c> file of <paramref name="folder"/>; returns them and how many entries were looked at.</summary>
    private static (List<RegistryDocument<T>> Documents, int Looked) LoadFolder<T>(string root, string folder, RegistrySettings settings, LoadOptions options, IDiagnosticSink sink)
        where T : class, new()
    {
        var directory = Path.Combine(root, folder);
        if (!IsRealFolder(directory, folder, sink)) return ([], 0);
        var files = new List<string>();
        var looked = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            var relative = $"{folder}/{name}";
            var isMarkdown = name.EndsWith(".md", StringComparison.Ordinal);
            if (name.StartsWith('.') && !isMarkdown) continue; // .gitkeep and editor files
            looked++;
            if (name.StartsWith('.'))
            {
                sink.Report(new(DiagnosticCodes.UnexpectedFile, Severity.Error, relative, 1, 1,
                    $"`{relative}` is hidden (its name starts with a dot) and would be ignored; rename it to `<id>.md`"));
                continue;
            }
            if (RegularFile.KindOf(entry) == FileKind.Directory)
            {
                sink.Report(new(DiagnosticCodes.UnexpectedFile, Severity.Error, relative, 1, 1,
                    $"`{relative}` is a folder; `{folder}/` holds only `<id>.md` files, so move its files up or out"));
                continue;
            }
            if (!isMarkdown)
            {
                sink.Report(new(DiagnosticCodes.UnexpectedFile, Severity.Error, relative, 1, 1,
                    $"`{relative}` is not a `.md` file and would be ignored; rename it to `<id>.md` or move it out of `{folder}/`"));
                continue;
            }
            // Links, pipes, sockets and devices named *.md are reported by the reader, which never blocks on them.
            files.Add(entry);
        }

        // Two stages: one thread reads files and their YAML, the others bind, parse Markdown and collect body facts.
        // YamlDotNet does not scale across threads here (measured: two threads parse no faster than one), so it
        // gets a thread of its own and everything else overlaps with it.
        var results = new RegistryDocument<T>?[files.Count];
        using var queue = new System.Collections.Concurrent.BlockingCollection<(int Index, FrontMatter Front, byte[] Bytes)>(boundedCapacity: 512);
        var workers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount - 1)).Select(_ => Task.Run(() =>
        {
            foreach (var (i, front, bytes) in queue.GetConsumingEnumerable())
            {
                Guarded(i, () => results[i] = Complete<T>(front, Relative(i), Sha256Hex(bytes), sink, options.KeepMarkdown, options.BodyView));
            }
        })).ToArray();
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                var index = i;
                Guarded(i, () =>
                {
                    if (TextFile.Read(files[index], Relative(index), settings.EffectiveMaxFileBytes, sink, out var bytes) is { } text
                        && ReadFrontMatter(text, Relative(index), sink) is { } front)
                    {
                        queue.Add((index, front, bytes));
                    }
                });
            }
        }
        finally
        {
            queue.CompleteAdding();
            Task.WaitAll(workers);
        }

        string Relative(int i) => $"{folder}/{Path.GetFileName(files[i])}";

        void Guarded(int i, Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                sink.Report(new(DiagnosticCodes.Internal, Severity.Error, Relative(i), 1, 1,
                    $"internal error while reading this file ({ex.GetType().Name}: {ex.Message}); please report it to the registry maintainers"));
            }
        }
        return ([.. results.OfType<RegistryDocument<T>>()], looked);
    }

    /// <summary>True when <paramref name="directory"/> is a folder of its own (not a link, which could lead out of the root);
    /// false when it is missing (no files), or with an error when it is anything else.</summary>
    private static bool IsRealFolder(string directory, string folder, IDiagnosticSink sink)
    {
        var kind = RegularFile.KindOf(directory);
        if (kind == FileKind.Directory) return true;
        if (kind == FileKind.Missing) return false;
        var message = kind == FileKind.SymbolicLink
            ? $"`{folder}` is a symbolic link, not a folder; the registry reads only what is inside its own folder, so replace the link with a real `{folder}/` folder"
            : $"`{folder}` is {kind.Describe()}, not a folder; it must be the folder that holds the `<id>.md` files";
        sink.Report(new(DiagnosticCodes.FileUnreadable, Severity.Error, folder, 1, 1, message));
        return false;
    }

    /// <summary>Loads one registry file; null (with diagnostics) when it has no usable front matter.</summary>
    public static RegistryDocument<T>? LoadDocument<T>(string fullPath, string relative, long maxBytes, IDiagnosticSink sink, bool keepMarkdown = false)
        where T : class, new()
    {
        var text = TextFile.Read(fullPath, relative, maxBytes, sink, out var bytes);
        return text is null ? null : Parse<T>(text, relative, Sha256Hex(bytes), sink, keepMarkdown);
    }

    /// <summary>Parses a registry file's text (front matter and Markdown body).</summary>
    public static RegistryDocument<T>? Parse<T>(string text, string relative, string sha256, IDiagnosticSink sink, bool keepMarkdown = true)
        where T : class, new()
    {
        var front = ReadFrontMatter(text, relative, sink);
        return front is null ? null : Complete<T>(front, relative, sha256, sink, keepMarkdown);
    }

    /// <summary>A file split at its front matter, with the front matter read into a YAML tree.</summary>
    internal sealed record FrontMatter(string Text, YMapping Mapping, int CloseStart, int CloseLine);

    /// <summary>The first half of parsing: delimiters and YAML (see <see cref="LoadFolder{T}"/> for why it is separate).</summary>
    internal static FrontMatter? ReadFrontMatter(string text, string relative, IDiagnosticSink sink)
    {
        void Report(string code, int line, int column, string message) =>
            sink.Report(new(code, Severity.Error, relative, line, column, message));

        text = FrontMatterSplitter.Normalize(text);
        var (problem, yamlStart, closeStart, closeLine) = FrontMatterSplitter.Split(text);
        switch (problem)
        {
            case FrontMatterProblem.Empty:
                Report(DiagnosticCodes.NoFrontMatter, 1, 1, "the file is empty; it must start with a `---` line, the front matter, and a closing `---` line");
                return null;
            case FrontMatterProblem.NoOpening:
                Report(DiagnosticCodes.NoFrontMatter, 1, 1,
                    "the file must start with a line `---`, then the front matter (keys such as `id:`), then a closing `---` line");
                return null;
            case FrontMatterProblem.Unterminated or FrontMatterProblem.NeedMore:
                Report(DiagnosticCodes.UnterminatedFrontMatter, 1, 1,
                    "the front matter that starts on line 1 has no closing `---` line; add one after the last key");
                return null;
        }

        var yaml = text.AsMemory(yamlStart..closeStart);
        var tree = YamlTreeReader.Read(yaml, relative, 1, sink);
        if (tree is null)
        {
            if (yaml.ToString().Split('\n').All(l => l.TrimStart().StartsWith('#') || l.Trim().Length == 0))
            {
                Report(DiagnosticCodes.MissingField, 1, 1, "the front matter is empty; fill in the fields (start from `templates/`)");
            }
            return null;
        }
        if (tree is not YMapping mapping)
        {
            Report(DiagnosticCodes.WrongType, tree.Position.Line, tree.Position.Column,
                "the front matter must be keys and values (such as `id: ...`), not a list or a single value");
            return null;
        }

        return new FrontMatter(text, mapping, closeStart, closeLine);
    }

    /// <summary>The second half of parsing: binding the front matter, and the Markdown body.</summary>
    internal static RegistryDocument<T>? Complete<T>(FrontMatter front, string relative, string sha256, IDiagnosticSink sink, bool keepMarkdown,
        Func<Markdig.Syntax.MarkdownDocument, object>? bodyView = null)
        where T : class, new()
    {
        void Report(string code, int line, int column, string message) =>
            sink.Report(new(code, Severity.Error, relative, line, column, message));

        var (text, mapping, closeStart, closeLine) = front;
        var map = new SourceMap(SourcePosition.Start);
        var model = FrontMatterBinder.Bind<T>(mapping, relative, map, sink);

        var bodyOffset = text.IndexOf('\n', closeStart);
        var body = bodyOffset < 0 ? "" : text[(bodyOffset + 1)..];
        if (FindAbusiveBodyLine(body, out var why) is var deep and >= 0)
        {
            Report(DiagnosticCodes.TooDeep, closeLine + 1 + deep, 1, why);
            return null;
        }
        Markdig.Syntax.MarkdownDocument markdown;
        try
        {
            markdown = Markdig.Markdown.Parse(body, RegistryMarkdown.Pipeline);
        }
        catch (ArgumentException ex) when (ex.Message.Contains("too deeply nested", StringComparison.Ordinal))
        {
            // Markdig's own limit, for nesting spread over several lines or inside a line (brackets, emphasis).
            Report(DiagnosticCodes.TooDeep, closeLine + 1, 1,
                "the body nests quotes, lists, links or brackets too deeply inside each other; a registry file never needs that");
            return null;
        }
        var stem = Path.GetFileNameWithoutExtension(relative);
        var facts = BodyFacts.Collect(markdown, body, closeLine + 1) with { Leftovers = LeftoverCandidates.Collect(text, closeLine) };
        return new RegistryDocument<T>(relative, stem, model, map, facts, keepMarkdown ? markdown : null, closeLine + 1, sha256)
        {
            BodyView = bodyView?.Invoke(markdown),
        };
    }

    /// <summary>The most quotes and list items one body line may open inside each other.</summary>
    public const int MaxBodyDepth = 32;

    /// <summary>The most <c>[</c> one paragraph (a run of non-blank lines) of the body may hold.</summary>
    public const int MaxParagraphBrackets = 5000;

    /// <summary>
    /// The 0-based line of <paramref name="body"/> where it turns pathological for Markdig, or -1: a line that opens more
    /// than <see cref="MaxBodyDepth"/> nested quotes or list items (<c>&gt; - &gt; - ...</c>), or a paragraph with more than
    /// <see cref="MaxParagraphBrackets"/> brackets (<c>[](</c> runs and reference definitions take Markdig quadratic time).
    /// Markdig takes seconds to minutes over such input, so it is refused here first, with the reason in <paramref name="why"/>.
    /// </summary>
    internal static int FindAbusiveBodyLine(string body, out string why)
    {
        var lineNumber = 0;
        var start = 0;
        var brackets = 0;
        while (start <= body.Length)
        {
            var end = body.IndexOf('\n', start);
            if (end < 0) end = body.Length;
            var line = body.AsSpan(start, end - start);
            if (ContainerDepth(line) > MaxBodyDepth && !IsThematicBreak(line))
            {
                why = $"this line of the body nests more than {MaxBodyDepth} quotes or list items inside each other; a registry file never needs that";
                return lineNumber;
            }
            brackets = line.IsWhiteSpace() ? 0 : brackets + line.Count('[');
            if (brackets > MaxParagraphBrackets)
            {
                why = $"this paragraph of the body holds more than {MaxParagraphBrackets:N0} `[` (links or brackets); a registry file never needs that, so split or shorten it";
                return lineNumber;
            }
            lineNumber++;
            start = end + 1;
        }
        why = "";
        return -1;

        static int ContainerDepth(ReadOnlySpan<char> line)
        {
            var depth = 0;
            var i = 0;
            while (true)
            {
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i >= line.Length) return depth;
                var marker = 0;
                if (line[i] == '>')
                {
                    marker = 1;
                }
                else if (line[i] is '-' or '*' or '+')
                {
                    marker = 1;
                    if (i + 1 < line.Length && line[i + 1] is not (' ' or '\t')) return depth;
                }
                else
                {
                    while (i + marker < line.Length && marker < 10 && char.IsAsciiDigit(line[i + marker])) marker++;
                    if (marker is 0 or 10 || i + marker >= line.Length || line[i + marker] is not ('.' or ')')) return depth;
                    marker++;
                    if (i + marker < line.Length && line[i + marker] is not (' ' or '\t')) return depth;
                }
                depth++;
                i += marker;
            }
        }

        static bool IsThematicBreak(ReadOnlySpan<char> line)
        {
            var trimmed = line.Trim(" \t");
            return trimmed.Length > 0 && trimmed[0] is '-' or '*' or '_' && trimmed.IndexOfAnyExcept(trimmed[0], ' ', '\t') < 0;
        }
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
