using System.Text.Json.Nodes;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Schema;

namespace DulaRegistry.Tests;

/// <summary>The JSON Schema generated from the C# model uses the loader's names.</summary>
public class SchemaTests
{
    private static JsonObject Parse(string schema) => JsonNode.Parse(schema).ShouldNotBeNull().AsObject();

    private static JsonObject Properties(JsonObject schema) => schema["properties"].ShouldNotBeNull().AsObject();

    /// <summary>Every string in the schema, wherever it is nested.</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    /// <summary>Every property name in the schema, wherever it is nested.</summary>
    private static IEnumerable<string> PropertyNames(JsonNode? node) => node switch
    {
        JsonObject o => (o["properties"] is JsonObject props ? props.Select(p => p.Key) : []).Concat(o.SelectMany(p => PropertyNames(p.Value))),
        JsonArray a => a.SelectMany(PropertyNames),
        _ => [],
    };

    [Fact]
    public void Agreement_schema_parses_and_is_closed()
    {
        var schema = Parse(SchemaGenerator.Agreement());
        schema["$schema"]!.GetValue<string>().ShouldBe("https://json-schema.org/draft/2020-12/schema");
        schema["$id"]!.GetValue<string>().ShouldBe(SchemaGenerator.AgreementFile);
        schema["additionalProperties"]!.GetValue<bool>().ShouldBeFalse();
        schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldContain("parties");
    }

    [Fact]
    public void Agreement_schema_lists_snake_case_keys()
    {
        var schema = Parse(SchemaGenerator.Agreement());
        var top = Properties(schema).Select(p => p.Key).ToList();
        top.ShouldContain("legal_authority");
        top.ShouldContain("executed_copy");
        top.ShouldContain("superseded_by");
        top.ShouldContain("service_request");
        top.ShouldNotContain("LegalAuthority");
        top.ShouldNotContain("legalAuthority");
        var nested = PropertyNames(schema).ToHashSet();
        nested.ShouldContain("dula_manager");
        nested.ShouldContain("sha256");
        nested.ShouldContain("effective");
        nested.ShouldAllBe(name => !name.Any(char.IsUpper) && !name.Contains('-'));
    }

    [Fact]
    public void Agreement_schema_uses_kebab_case_enum_values()
    {
        var strings = Strings(Parse(SchemaGenerator.Agreement())).ToHashSet();
        strings.ShouldContain("in-review");
        strings.ShouldContain("on-request");
        strings.ShouldContain("one-time");
        strings.ShouldContain("legacy");
        strings.ShouldContain("both");
        strings.ShouldNotContain("InReview");
        strings.ShouldNotContain("OnRequest");
    }

    [Fact]
    public void Agreement_schema_status_enum_is_the_lifecycle()
    {
        var status = Properties(Parse(SchemaGenerator.Agreement()))["status"].ShouldNotBeNull();
        var values = Strings(status["enum"]).ToList();
        values.ShouldBe(["proposed", "drafting", "in-review", "final", "submitted", "executed", "expired", "terminated", "superseded", "withdrawn"]);
    }

    [Fact]
    public void Agency_schema_parses_is_closed_and_uses_the_loader_names()
    {
        var schema = Parse(SchemaGenerator.Agency());
        schema["$id"]!.GetValue<string>().ShouldBe(SchemaGenerator.AgencyFile);
        schema["additionalProperties"]!.GetValue<bool>().ShouldBeFalse();
        var top = Properties(schema).Select(p => p.Key).ToList();
        top.ShouldContain("legal_reviewers");
        top.ShouldContain("secretariat");
        top.ShouldContain("mou");
        Strings(Properties(schema)["kind"]).ShouldContain("quasi-independent");
    }

    [Fact]
    public void Nested_objects_are_closed_too()
    {
        var schema = Parse(SchemaGenerator.Agreement());
        var term = Properties(schema)["term"].ShouldNotBeNull().AsObject();
        term["additionalProperties"].ShouldNotBeNull().GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public void Dates_carry_a_pattern()
    {
        var schema = Parse(SchemaGenerator.Agreement());
        Strings(schema).ShouldContain("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    }

    [Fact]
    public void Every_model_enum_has_a_kebab_case_converter()
    {
        // The source-generated context only names the enums it lists; any other would be described as an integer.
        var converters = SchemaJsonContext.Default.Options.Converters.Select(c => c.GetType()).ToHashSet();
        // Every enum front matter binds to (FrontMatterTypesTests checks that list against the model).
        var enums = FrontMatterTypes.All.Where(t => t.IsEnum).ToList();
        enums.ShouldContain(typeof(AgencyKind));
        enums.ShouldContain(typeof(DataFrequency));
        foreach (var type in enums) converters.ShouldContain(typeof(KebabCaseEnumConverter<>).MakeGenericType(type), type.Name);
    }
}
