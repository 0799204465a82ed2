namespace DulaRegistry.Signing;

/// <summary>Text that is not a C2SP tlog-proof@v1 file; the message says what is wrong in plain words, and <see cref="Line"/> where.</summary>
public sealed class TlogProofException : FormatException
{
    public TlogProofException() { }
    public TlogProofException(string message) : base(message) { }
    public TlogProofException(string message, Exception inner) : base(message, inner) { }
    public TlogProofException(string message, int line) : base(message) => Line = line;

    /// <summary>The 1-based line of the text the problem is on; 0 when it is not one line's.</summary>
    public int Line { get; }
}
