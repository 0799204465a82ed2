namespace DulaRegistry.Signing;

/// <summary>A key that cannot be used: the message is plain words for the user and never contains key material.</summary>
public sealed class SigningKeyException : Exception
{
    public SigningKeyException() { }
    public SigningKeyException(string message) : base(message) { }
    public SigningKeyException(string message, Exception inner) : base(message, inner) { }
}
