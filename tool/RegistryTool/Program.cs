using System.CommandLine;
using System.Runtime.InteropServices;
using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;

var parse = Program.CreateCommandLine().Parse(args);
// A misspelled command or option: one line naming the nearest known one (checked even without parse errors, since an
// unknown option on a command that takes files would otherwise be read as a file name).
if (UnknownNames.Explain(parse) is { } unknown)
{
    Console.Error.WriteLine($"registry: {unknown}");
    return (int)ExitCode.Usage;
}
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"registry: {error.Message}");
    Console.Error.WriteLine("Run 'registry --help' for usage.");
    return (int)ExitCode.Usage;
}

// Ctrl-C and SIGTERM cancel the command's token; the command stops at its next check and cleans up after itself
// (a build deletes its half-written staging folder). A second signal ends the process at once, as usual.
using var stop = new CancellationTokenSource();
var received = 0;
void OnSignal(PosixSignalContext context)
{
    if (Interlocked.CompareExchange(ref received, (int)(context.Signal == PosixSignal.SIGTERM ? ExitCode.Terminated : ExitCode.Interrupted), 0) != 0) return;
    context.Cancel = true;
    stop.Cancel();
}
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
try
{
    // ProcessTerminationTimeout = null: System.CommandLine's own Ctrl-C handling would race the handlers above.
    // On the thread pool: a synchronous command (validate) would otherwise run to its end inside InvokeAsync.
    var invocation = Task.Run(() => parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, stop.Token));
    var signalled = Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
    if (await Task.WhenAny(invocation, signalled) == signalled)
    {
        // A command that watches the token (build, validate) stops within the grace period, a build cleaning up after itself;
        // one that does not (report) ends here, and so does a build still inside a step that does not watch it: its staging
        // folder is marked, and the next build removes it.
        await Task.WhenAny(invocation, Task.Delay(s_grace));
        if (!invocation.IsCompleted)
        {
            Console.Error.WriteLine("registry: interrupted; nothing was left half-written");
            return Volatile.Read(ref received);
        }
    }
    return await invocation;
}
catch (OperationCanceledException) when (Volatile.Read(ref received) != 0)
{
    Console.Error.WriteLine("registry: interrupted; nothing was left half-written");
    return Volatile.Read(ref received);
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    // Never a stack trace: one diagnostic with a code, and a distinct exit code.
    Console.Error.WriteLine($"registry: error DULA099: internal error ({ex.GetType().Name}: {ex.Message}); please report it to the registry maintainers");
    return (int)ExitCode.Internal;
}

/// <summary>The entry point's constants.</summary>
internal static partial class Program
{
    /// <summary>How long a signalled command may take to stop at its own next check before the process ends anyway.</summary>
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(2);

    /// <summary>The examples at the end of <c>registry --help</c>.</summary>
    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry validate", "check the registry you are in"),
        new("registry new --title \"SNAP wage match\" --owner dor --recipient dta", "start an agreement"),
        new("registry build --out _site", "build the static site"),
    ];

    /// <summary>The command line: every command, help that ends with examples, and <c>--version</c> (the informational version).</summary>
    internal static RootCommand CreateCommandLine()
    {
        var root = new RootCommand("""
            registry: validate, publish and browse a Git registry of Data Use License Agreements (DULAs).

            Exit codes: 0 success (warnings allowed), 1 the registry has errors, 2 usage error, unreadable root or unwritable output,
            3 internal error, 130 interrupted by Ctrl-C (SIGINT), 143 stopped by SIGTERM.
            """)
        {
            ValidateCommand.Create(),
            SchemaCommand.Create(),
            BuildCommand.Create(),
            ServeCommand.Create(),
            CodeOwnersCommand.Create(),
            NewCommand.Create(),
            AmendCommand.Create(),
            RenewCommand.Create(),
            MigrateCommand.Create(),
            ReportCommand.Create(),
            KeygenCommand.Create(),
            PublishCommand.Create(),
            VerifyCommand.Create(),
            ApprovalsCommand.Create(),
            IntakeCommand.Create(),
            RemindCommand.Create(),
            AnnounceCommand.Create(),
        };
        root.WithExamples(Examples);
        ExamplesHelpAction.Install(root);
        return root;
    }
}
