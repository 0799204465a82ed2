using System.Text.Json.Serialization;

namespace DulaRegistry.Reporting;

/// <summary>Source-generated (AOT-safe) serialization of <see cref="PipelineReport"/>; the encoder is set where it is used.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(PipelineReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
