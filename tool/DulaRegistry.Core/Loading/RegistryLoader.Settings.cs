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
            sink.Report(SettingsDiagnostics.NotMapping(tree.Position));
            return new RegistrySettings();
        }
        var map = new SourceMap(SourcePosition.Start);
        var settings = FrontMatterBinder.Bind<RegistrySettings>(mapping, SettingsFile, map, sink);
        // An invalid setting is reported once and replaced by its default, so it cannot flood every file with errors.
        if (settings.IdPrefix is { } prefix && !IsIdPrefix(prefix))
        {
            sink.Report(SettingsDiagnostics.IdPrefix(map["id_prefix"], prefix));
            settings = settings with { IdPrefix = null };
        }
        if (settings.MaxTermYears is < 1 or > 50)
        {
            sink.Report(SettingsDiagnostics.MaxTermYears(map["max_term_years"]));
            settings = settings with { MaxTermYears = null };
        }
        if (settings.RenewalWindowDays is > 3650)
        {
            sink.Report(SettingsDiagnostics.RenewalWindowDays(map["renewal_window_days"]));
            settings = settings with { RenewalWindowDays = null };
        }
        if (settings.MaxFileBytes is < 1024 or > MaxFileBytesCeiling)
        {
            sink.Report(SettingsDiagnostics.MaxFileBytes(map["max_file_bytes"], MaxFileBytesCeiling, new RegistrySettings().EffectiveMaxFileBytes));
            settings = settings with { MaxFileBytes = null };
        }
        if (settings.RequiredSections is { Count: 0 })
        {
            sink.Report(SettingsDiagnostics.RequiredSectionsEmpty(map["required_sections"]));
            settings = settings with { RequiredSections = null };
        }
        return settings;
    }

    private static bool IsIdPrefix(string prefix) =>
        prefix.Length is > 0 and <= 16 && char.IsAsciiLetterUpper(prefix[0]) && prefix.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}
