namespace DulaRegistry.Cli;

/// <summary>The tool's exit codes (documented in the README).</summary>
public enum ExitCode
{
    /// <summary>Success; warnings may have been printed.</summary>
    Ok = 0,
    /// <summary>The registry has errors (or warnings, with <c>--warnings-as-errors</c>).</summary>
    ValidationFailed = 1,
    /// <summary>Bad command line, or the root folder cannot be read.</summary>
    Usage = 2,
    /// <summary>An internal error of the tool; it is reported as a DULA099 diagnostic.</summary>
    Internal = 3,
}
