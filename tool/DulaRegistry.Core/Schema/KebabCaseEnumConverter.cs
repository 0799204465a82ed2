using System.Text.Json;
using System.Text.Json.Serialization;

namespace DulaRegistry.Schema;

/// <summary>An enum as its kebab-case front-matter name (<c>in-review</c>). The generic converter is AOT-safe where the
/// non-generic <see cref="JsonStringEnumConverter"/> is not; the parameterless constructor lets a source-generated context
/// list it.</summary>
internal sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower)
    where TEnum : struct, Enum;
