using System.Text.Json.Serialization;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Changes;

/// <summary>Source-generated (AOT-safe) serialization of <see cref="Agreement"/> with the front-matter key names. Enums stay
/// numbers: the values are only compared with each other.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Agreement))]
internal sealed partial class AgreementJsonContext : JsonSerializerContext;
