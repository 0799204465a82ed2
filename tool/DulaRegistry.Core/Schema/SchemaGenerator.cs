using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
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

    // The encoder is not a source-generation option, so the generated context is built over options that add it.
    private static readonly SchemaJsonContext s_context = new(new JsonSerializerOptions(SchemaJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Agency() => Generate(s_context.Agency, "Agency", "An agency of the DULA registry: front matter of agencies/<id>.md (schema v1).");

    public static string Agreement() => Generate(s_context.Agreement, "Data Use License Agreement", "A DULA: front matter of agreements/<id>.md (schema v1).");

    private static string Generate(JsonTypeInfo typeInfo, string title, string description)
    {
        var type = typeInfo.Type;
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
        var schema = typeInfo.GetJsonSchemaAsNode(exporterOptions).AsObject();
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
        return ordered.ToJsonString(s_context.Options) + "\n";
    }
}
