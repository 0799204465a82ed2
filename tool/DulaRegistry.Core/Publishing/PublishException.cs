namespace DulaRegistry.Publishing;

/// <summary>Publishing cannot go on; the message says why and what to do, in plain words (never key material).</summary>
public sealed class PublishException(string message) : Exception(message);
