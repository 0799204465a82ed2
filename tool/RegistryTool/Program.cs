using System.CommandLine;
using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;

var root = new RootCommand("""
    registry: validate, publish and browse a Git registry of Data Use License Agreements (DULAs).

    Exit codes: 0 success (warnings allowed), 1 the registry has errors, 2 usage error or unreadable root, 3 internal error.
    """)
{
    ValidateCommand.Create(),
    SchemaCommand.Create(),
    BuildCommand.Create(),
    ServeCommand.Create(),
    CodeOwnersCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"registry: {error.Message}");
    Console.Error.WriteLine("Run 'registry --help' for usage.");
    return (int)ExitCode.Usage;
}
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    // Never a stack trace: one diagnostic with a code, and a distinct exit code.
    Console.Error.WriteLine($"registry: error DULA099: internal error ({ex.GetType().Name}: {ex.Message}); please report it to the registry maintainers");
    return (int)ExitCode.Internal;
}
