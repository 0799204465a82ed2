namespace DulaRegistry.Signing;

/// <summary>Text that cannot be signed as a C2SP signed note (or a note too malformed to add a signature to).</summary>
public sealed class SignedNoteException : FormatException
{
    public SignedNoteException() { }
    public SignedNoteException(string message) : base(message) { }
    public SignedNoteException(string message, Exception inner) : base(message, inner) { }
}
