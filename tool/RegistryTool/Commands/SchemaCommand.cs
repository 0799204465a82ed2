using System.CommandLine;
using DulaRegistry.Schema;

namespace DulaRegistry.Cli.Commands;

internal static class SchemaCommand
{
    /// <summary>The examples at the end of <c>--help</c>.</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry schema", "write schema/agency.schema.json and schema/agreement.schema.json"),
        new("registry schema --out .vscode/schema", "write them where your editor looks"),
    ];

    public static Command Create()
    {
        var root = CommonOptions.Root();
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "Folder to write agency.schema.json and agreement.schema.json to (default: schema/ under --root)",
            HelpName = "DIR",
        };
        var command = new Command("schema", "Write the JSON Schema of agency and agreement front matter, for editors (yaml-language-server)")
        {
            root, output,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(output)?.FullName ?? Path.Combine(parse.GetValue(root)!.FullName, "schema");
            Directory.CreateDirectory(folder);
            AtomicFile.WriteAllText(Path.Combine(folder, SchemaGenerator.AgencyFile), SchemaGenerator.Agency());
            AtomicFile.WriteAllText(Path.Combine(folder, SchemaGenerator.AgreementFile), SchemaGenerator.Agreement());
            Console.WriteLine($"wrote {SchemaGenerator.AgencyFile} and {SchemaGenerator.AgreementFile} to {folder}");
            return (int)ExitCode.Ok;
        });
        return command.WithExamples(Examples);
    }
}
