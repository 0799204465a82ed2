namespace DulaRegistry.Site.Exports;

/// <summary>
/// One document's words as the search index weighs them: per field (in <see cref="SearchIndex"/>'s field order), each
/// distinct word (its number in the index's <see cref="WordTable"/>) with how often it occurs, and the field's length in words.
/// Held flat, field after field (two arrays per document rather than two per field: fewer objects to make and for the
/// collector to trace; numbers rather than strings: half the bytes, and nothing for the collector to follow).
/// </summary>
public sealed class DocumentWords
{
    private readonly (int Word, int Count)[] _words;
    private readonly int[] _fields;

    /// <param name="words">Every field's words, field after field.</param>
    /// <param name="fields">Per field, where its words end in <paramref name="words"/>, then per field its length in words.</param>
    public DocumentWords((int Word, int Count)[] words, int[] fields)
    {
        if (fields.Length % 2 != 0 || (fields.Length > 0 && fields[(fields.Length / 2) - 1] != words.Length))
        {
            throw new ArgumentException("a field's end and a length per field, the last end at the end of the words", nameof(fields));
        }
        _words = words;
        _fields = fields;
    }

    public int FieldCount => _fields.Length / 2;

    /// <summary>The distinct words of field <paramref name="field"/> with their counts.</summary>
    public ReadOnlySpan<(int Word, int Count)> Field(int field) =>
        _words.AsSpan()[(field == 0 ? 0 : _fields[field - 1]).._fields[field]];

    /// <summary>How many words field <paramref name="field"/> has, repeats counted.</summary>
    public int Length(int field) => _fields[FieldCount + field];

    /// <summary>All the words, field after field.</summary>
    public ReadOnlySpan<(int Word, int Count)> All => _words;
}

/// <summary>
/// The documents' words an earlier build kept (<see cref="Build.SearchWordCache"/>), by the XXH3-128 hash of the texts they
/// were split from: a document whose texts hash the same is not split again. Keyed by what the words are made from, not by
/// agreement, so a kept entry is right for any document that has those texts.
/// </summary>
public interface IKeptSearchWords
{
    /// <summary>The kept words, numbered: the kept documents' words are numbers in this table, so a build that takes kept words
    /// splits the rest into this table too.</summary>
    WordTable Table { get; }

    /// <summary>How many documents' words are kept.</summary>
    int Count { get; }

    /// <summary>The words kept for texts that hash to <paramref name="hash"/>; safe to call from several threads at once.</summary>
    bool TryGet(UInt128 hash, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DocumentWords? words);
}

/// <summary>What building the search index made besides its files (which it gave away as it made them): per document in ordinal
/// order, the hash of its texts, its words and whether they were the kept ones; and the table its words are numbers in.</summary>
public sealed record SearchIndexBuild(UInt128[] Hashes, DocumentWords[] Words, bool[] Kept, WordTable Table)
{
    /// <summary>How many documents took their words from the kept ones.</summary>
    public int Reused => Kept.Count(k => k);
}
