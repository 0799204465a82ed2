using System.Text.Json.Serialization;
using DulaRegistry.Model;

namespace DulaRegistry.Schema;

/// <summary>
/// Source-generated (AOT-safe) metadata of both front-matter kinds, named as the loader binds them. Every enum reachable
/// from <see cref="Agency"/> and <see cref="Agreement"/> needs its converter here, or the schema would list numbers.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true,
    Converters =
    [
        typeof(KebabCaseEnumConverter<AgencyKind>),
        typeof(KebabCaseEnumConverter<AgreementStatus>),
        typeof(KebabCaseEnumConverter<AgreementFramework>),
        typeof(KebabCaseEnumConverter<PartyRole>),
        typeof(KebabCaseEnumConverter<DataClassification>),
        typeof(KebabCaseEnumConverter<DataFrequency>),
    ])]
[JsonSerializable(typeof(Agency))]
[JsonSerializable(typeof(Agreement))]
internal sealed partial class SchemaJsonContext : JsonSerializerContext;
