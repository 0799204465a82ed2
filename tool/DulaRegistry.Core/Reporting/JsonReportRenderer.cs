using System.Text.Encodings.Web;
using System.Text.Json;

namespace DulaRegistry.Reporting;

/// <summary>The report as one JSON object, keys in snake_case, dates as YYYY-MM-DD.</summary>
public static class JsonReportRenderer
{
    private static readonly ReportJsonContext Context = new(new JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        // Readable em dashes and accents; JSON's own escaping still covers quotes and control characters.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Render(PipelineReport report) => JsonSerializer.Serialize(report, Context.PipelineReport) + "\n";
}
