namespace DulaRegistry.Loading;

/// <summary>A 1-based line and column in a source file.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public static readonly SourcePosition Start = new(1, 1);

    public override string ToString() => $"{Line},{Column}";
}

/// <summary>
/// A minimal YAML tree that keeps the position of every node. We build it from YamlDotNet's event
/// parser ourselves so that anchors, aliases, tags and duplicate keys can be refused with a position
/// before anything is expanded or bound.
/// </summary>
public abstract record YNode(SourcePosition Position);

public sealed record YScalar(string Value, bool Plain, SourcePosition Position) : YNode(Position)
{
    /// <summary>An empty plain scalar or YAML's null spellings: the key is there but has no value.</summary>
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}

public sealed record YSequence(IReadOnlyList<YNode> Items, SourcePosition Position) : YNode(Position);

public sealed record YEntry(YScalar Key, YNode Value);

public sealed record YMapping(IReadOnlyList<YEntry> Entries, SourcePosition Position) : YNode(Position);
