using DulaRegistry.Diagnostics;
using DulaRegistry.IO;
using DulaRegistry.Model;

namespace DulaRegistry.Loading;

/// <summary>Reading <c>registry.yml</c>: its limits, and each setting checked once and replaced by its default when invalid.</summary>
public static partial class RegistryLoader
{
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
}
