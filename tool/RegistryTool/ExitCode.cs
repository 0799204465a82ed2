namespace DulaRegistry.Cli;

/// <summary>The tool's exit codes (documented in the README).</summary>
public enum ExitCode
{
    /// <summary>Success; warnings may have been printed.</summary>
    Ok = 0,
    /// <summary>The registry has errors (or warnings, with <c>--warnings-as-errors</c>).</summary>
    ValidationFailed = 1,
    /// <summary>Bad command line, the root folder cannot be read, or the output cannot be written (a plain message says what to do).</summary>
    Usage = 2,
    /// <summary>An internal error of the tool (a defect); it is reported as a DULA099 diagnostic.</summary>
    Internal = 3,
    /// <summary>Stopped by Ctrl-C (SIGINT): 128 + 2, as shells report it. The previous site is left as it was.</summary>
    Interrupted = 130,
    /// <summary>Stopped by SIGTERM: 128 + 15, as shells report it. The previous site is left as it was.</summary>
    Terminated = 143,
}
