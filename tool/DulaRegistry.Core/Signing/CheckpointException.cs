namespace DulaRegistry.Signing;

/// <summary>Text that is not a C2SP tlog-checkpoint body; the message says what is wrong in plain words, and <see cref="Line"/> where.</summary>
public sealed class CheckpointException : FormatException
{
    public CheckpointException() { }
    public CheckpointException(string message) : base(message) { }
    public CheckpointException(string message, Exception inner) : base(message, inner) { }
    public CheckpointException(string message, int line) : base(message) => Line = line;

    /// <summary>The 1-based line of the text the problem is on; 0 when it is not one line's.</summary>
    public int Line { get; }
}
