namespace DulaRegistry.Site.Exports;

/// <summary>One string per distinct word, shared by every thread that splits text (see <see cref="SearchTokens.Words(string?, WordTable?)"/>).</summary>
public sealed class WordTable
{
    // Sized for a large registry's vocabulary up front: growing takes every lock, and the splitting threads wait for it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _words =
        new(Environment.ProcessorCount, 1 << 16, StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public WordTable() => _bySpan = _words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many distinct words the table holds (takes every lock: for sizing, once the splitting is done).</summary>
    public int Count => _words.Count;

    /// <summary>The table's string for <paramref name="word"/>, added if it is new.</summary>
    public string Get(ReadOnlySpan<char> word)
    {
        if (_bySpan.TryGetValue(word, out var known)) return known;
        var added = new string(word);
        return _words.GetOrAdd(added, added);
    }
}
