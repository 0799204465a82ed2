using DulaRegistry.Loading;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Diagnostics;

/// <summary>The diagnostics of <c>registry.yml</c>: DULA090, each at the setting it is about.</summary>
public static class SettingsDiagnostics
{
    private static Diagnostic Make(SourcePosition at, string message) =>
        DiagnosticFactory.Create(C.Settings, RegistryLoader.SettingsFile, at, message);

    /// <summary>DULA090: the file is a list or a single value.</summary>
    [DiagnosticFactory(C.Settings)]
    public static Diagnostic NotMapping(SourcePosition at) =>
        Make(at, "`registry.yml` must be a mapping of settings such as `name: ...`");

    /// <summary>DULA090.</summary>
    [DiagnosticFactory(C.Settings)]
    public static Diagnostic IdPrefix(SourcePosition at, string prefix) =>
        Make(at, $"`id_prefix` ({prefix}) must be capital letters and digits, starting with a letter, such as DULA");

    /// <summary>DULA090.</summary>
    [DiagnosticFactory(C.Settings)]
    public static Diagnostic MaxTermYears(SourcePosition at) =>
        Make(at, "`max_term_years` must be between 1 and 50");

    /// <summary>DULA090.</summary>
    [DiagnosticFactory(C.Settings)]
    public static Diagnostic RenewalWindowDays(SourcePosition at) =>
        Make(at, "`renewal_window_days` must be at most 3650");

    /// <summary>DULA090: <paramref name="ceiling"/> is the most allowed, <paramref name="fallback"/> the default used instead.</summary>
    [DiagnosticFactory(C.Settings)]
    public static Diagnostic MaxFileBytes(SourcePosition at, long ceiling, long fallback) =>
        Make(at, $"`max_file_bytes` must be between 1024 and {ceiling:N0} (8 MiB); the default of {fallback:N0} is used instead");

    /// <summary>DULA090.</summary>
    [DiagnosticFactory(C.Settings)]
    public static Diagnostic RequiredSectionsEmpty(SourcePosition at) =>
        Make(at, "`required_sections` must list at least one section heading, or be left out for the default seven");

    /// <summary>DULA090: a <c>default_owners</c> entry GitHub would not accept in CODEOWNERS.</summary>
    /// <param name="printable">The entry made safe to print on one line.</param>
    [DiagnosticFactory(C.Settings)]
    public static Diagnostic DefaultOwner(SourcePosition at, string printable) =>
        Make(at, $"`default_owners` entry `{printable}` must be {CodeOwners.GitHubOwner.Expected}; GitHub would ignore the `*` line");
}
