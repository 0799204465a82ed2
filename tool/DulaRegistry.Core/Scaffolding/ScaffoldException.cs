namespace DulaRegistry.Scaffolding;

/// <summary>A draft that cannot be made, with the reason in plain words for the person who asked (a usage problem, not a defect).</summary>
public sealed class ScaffoldException(string message) : Exception(message);
