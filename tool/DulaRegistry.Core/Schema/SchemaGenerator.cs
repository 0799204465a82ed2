using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using DulaRegistry.Model;

namespace DulaRegistry.Schema;

/// <summary>
/// The JSON Schema of both front-matter kinds, generated from the C# model with the same naming the
/// loader binds by, so editors (yaml-language-server) and the loader can never disagree.
/// </summary>
public static class SchemaGenerator
{
    public const string AgencyFile = "agency.schema.json";
    public const string AgreementFile = "agreement.schema.json";

    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Agency() => Generate(typeof(Agency), "Agency", "An agency of the DULA registry: front matter of agencies/<id>.md (schema v1).");

    public static string Agreement() => Generate(typeof(Agreement), "Data Use License Agreement", "A DULA: front matter of agreements/<id>.md (schema v1).");

    private static string Generate(Type type, string title, string description)
    {
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = static (context, node) =>
            {
                if (node is not JsonObject obj) return node;
                if (context.TypeInfo.Type == typeof(DateOnly) || Nullable.GetUnderlyingType(context.TypeInfo.Type) == typeof(DateOnly))
                {
                    obj["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
                }
                if (context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false) is [DescriptionAttribute description, ..])
                {
                    obj.Insert(0, "description", description.Description);
                }
                return node;
            },
        };
        var schema = s_options.GetJsonSchemaAsNode(type, exporterOptions).AsObject();
        var ordered = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = type == typeof(Agency) ? AgencyFile : AgreementFile,
            ["title"] = title,
            ["description"] = description,
        };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            ordered[key] = value;
        }
        if (type == typeof(Agreement)) ordered["required"] = new JsonArray("id", "title", "status", "framework", "parties", "purpose", "data");
        if (type == typeof(Agency)) ordered["required"] = new JsonArray("id", "name", "kind");
        return ordered.ToJsonString(s_options) + "\n";
    }
}
