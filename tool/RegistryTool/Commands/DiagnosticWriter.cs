using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DulaRegistry.Diagnostics;

namespace DulaRegistry.Cli.Commands;

public enum OutputFormat
{
    Text,
    Json,
    Github,
}

/// <summary>One diagnostic as the JSON format prints it.</summary>
internal sealed record JsonDiagnostic(string File, int Line, int Column, string Severity, string Code, string Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<JsonDiagnostic>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>Prints diagnostics as text, JSON or GitHub Actions workflow commands.</summary>
internal static class DiagnosticWriter
{
    public static void Write(IReadOnlyList<Diagnostic> diagnostics, OutputFormat format, TextWriter output, string summary)
    {
        switch (format)
        {
            case OutputFormat.Json:
                var items = diagnostics.Select(d => new JsonDiagnostic(d.File, d.Line, d.Column, SeverityName(d.Severity), d.Code, d.Message)).ToList();
                output.WriteLine(JsonSerializer.Serialize(items, CliJsonContext.Default.ListJsonDiagnostic));
                break;
            case OutputFormat.Github:
                foreach (var d in diagnostics)
                {
                    output.WriteLine($"::{SeverityName(d.Severity)} file={Property(d.File)},line={d.Line},col={d.Column},title={Property(d.Code)}::{Data(d.Message)}");
                }
                output.WriteLine(summary);
                WriteStepSummary(diagnostics, summary);
                break;
            default:
                foreach (var d in diagnostics) output.WriteLine(d.ToString());
                output.WriteLine(summary);
                break;
        }
    }

    public static string SeverityName(Severity severity) => severity == Severity.Error ? "error" : "warning";

    // Workflow-command escaping, as @actions/core does it.
    private static string Data(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");

    private static void WriteStepSummary(IReadOnlyList<Diagnostic> diagnostics, string summary)
    {
        var path = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        if (string.IsNullOrEmpty(path)) return;
        var md = new StringBuilder();
        md.AppendLine("## DULA registry validation").AppendLine().AppendLine(summary).AppendLine();
        if (diagnostics.Count > 0)
        {
            md.AppendLine("| File | Line | Severity | Code | Message |").AppendLine("| --- | ---: | --- | --- | --- |");
            foreach (var d in diagnostics)
            {
                md.AppendLine($"| `{d.File}` | {d.Line} | {SeverityName(d.Severity)} | {d.Code} | {Cell(d.Message)} |");
            }
        }
        File.AppendAllText(path, md.ToString());
    }

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ").Replace("<", "&lt;");
}
