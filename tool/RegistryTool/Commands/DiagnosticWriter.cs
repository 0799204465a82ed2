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
    /// <summary>The most "and N more in FILE" lines printed; further files are summed up in one line.</summary>
    public const int MaxOmissionLines = 20;

    /// <param name="omitted">For each file, how many diagnostics were left out by the <see cref="DiagnosticBag"/>'s limits.</param>
    public static void Write(IReadOnlyList<Diagnostic> diagnostics, OutputFormat format, TextWriter output, string summary,
        IReadOnlyDictionary<string, int>? omitted = null)
    {
        var omissions = Omissions(omitted ?? new Dictionary<string, int>());
        switch (format)
        {
            case OutputFormat.Json:
                var items = diagnostics.Select(d => new JsonDiagnostic(d.File, d.Line, d.Column, SeverityName(d.Severity), d.Code, d.Message)).ToList();
                output.WriteLine(JsonSerializer.Serialize(items, CliJsonContext.Default.ListJsonDiagnostic));
                // Standard output stays exactly one JSON array; what was left out is said on standard error.
                foreach (var line in omissions) Console.Error.WriteLine($"registry: {line}");
                break;
            case OutputFormat.Github:
                foreach (var d in diagnostics)
                {
                    output.WriteLine($"::{SeverityName(d.Severity)} file={Property(d.File)},line={d.Line},col={d.Column},title={Property(d.Code)}::{Data(d.Message)}");
                }
                foreach (var line in omissions) output.WriteLine(line);
                output.WriteLine(ConsoleText.Escape(summary));
                WriteStepSummary(diagnostics, summary, omissions);
                break;
            default:
                foreach (var d in diagnostics) output.WriteLine(Text(d));
                foreach (var line in omissions) output.WriteLine(line);
                output.WriteLine(ConsoleText.Escape(summary));
                break;
        }
    }

    /// <summary>"… and N more in FILE" per file (at most <see cref="MaxOmissionLines"/>), then one line for the rest.</summary>
    internal static List<string> Omissions(IReadOnlyDictionary<string, int> omitted)
    {
        var lines = omitted.OrderBy(o => o.Key, StringComparer.Ordinal).Take(MaxOmissionLines)
            .Select(o => $"… and {o.Value:N0} more in {ConsoleText.Escape(o.Key)} (not shown)").ToList();
        if (omitted.Count > MaxOmissionLines)
        {
            var rest = omitted.OrderBy(o => o.Key, StringComparer.Ordinal).Skip(MaxOmissionLines).ToList();
            lines.Add($"… and {rest.Sum(o => o.Value):N0} more in {rest.Count:N0} other files (not shown)");
        }
        return lines;
    }

    public static string SeverityName(Severity severity) => severity == Severity.Error ? "error" : "warning";

    /// <summary>One diagnostic on one line: <c>path(line,col): severity CODE: message</c>, whatever its file name and message hold.</summary>
    public static string Text(Diagnostic d) =>
        $"{ConsoleText.Escape(d.File)}({d.Line},{d.Column}): {SeverityName(d.Severity)} {d.Code}: {ConsoleText.Escape(d.Message)}";

    // Workflow-command escaping as @actions/core does it (%, CR, LF), with every control character first made visible (so no
    // value can end the command early or colour the log).
    private static string Data(string s) => ConsoleText.Escape(s).Replace("%", "%25");

    private static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");

    private static void WriteStepSummary(IReadOnlyList<Diagnostic> diagnostics, string summary, List<string> omissions)
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
                md.AppendLine($"| {Cell(d.File)} | {d.Line} | {SeverityName(d.Severity)} | {d.Code} | {Cell(d.Message)} |");
            }
        }
        if (omissions.Count > 0) md.AppendLine();
        foreach (var line in omissions) md.AppendLine(Cell(line)).AppendLine();
        File.AppendAllText(path, md.ToString());
    }

    /// <summary>
    /// A Markdown table cell that shows its text literally: HTML is encoded and every character Markdown gives a meaning to
    /// (emphasis, links, code spans, the cell separator) is backslash-escaped, so a value can neither end the cell, add a
    /// row, nor become a link or markup in the job summary.
    /// </summary>
    internal static string Cell(string s)
    {
        var cell = new StringBuilder(s.Length + 8);
        foreach (var c in ConsoleText.Escape(s))
        {
            switch (c)
            {
                case '&': cell.Append("&amp;"); break;
                case '<': cell.Append("&lt;"); break;
                case '>': cell.Append("&gt;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '!' or '|' or '~' or '{' or '}' or '+' or '-' or '.' or ':':
                    cell.Append('\\').Append(c);
                    break;
                default: cell.Append(c); break;
            }
        }
        return cell.ToString();
    }
}
