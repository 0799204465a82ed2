using System.Collections.Concurrent;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// Every distinct word (and ordinal-only term) of a search index, each with a number: 0, 1, 2… in the order they were first
/// seen. The index counts, weighs and gathers postings by number, in arrays indexed by it, rather than in tables keyed by
/// string; a word's string is made once, the first time it is seen. Shared by every thread that splits text.
/// </summary>
public sealed class WordTable
{
    // Sized for a large registry's vocabulary up front: growing takes every lock, and the splitting threads wait for it.
    private readonly ConcurrentDictionary<string, int> _numbers = new(Environment.ProcessorCount, 1 << 16, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Lock _adding = new();
    private string[] _words = new string[1 << 12];
    private int _count;

    public WordTable() => _bySpan = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many words the table holds: every number is below it.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The word numbered <paramref name="number"/>.</summary>
    public string this[int number] => (uint)number < (uint)Count ? Volatile.Read(ref _words)[number]
        : throw new ArgumentOutOfRangeException(nameof(number), number, "not a number of this table");

    /// <summary>The number of <paramref name="word"/>, which is added if it is new.</summary>
    public int Number(ReadOnlySpan<char> word)
    {
        if (_bySpan.TryGetValue(word, out var known)) return known;
        lock (_adding)
        {
            // Another thread may have added it meanwhile. A new word is stored before its number is published, so a thread that
            // finds the number finds the word.
            if (_bySpan.TryGetValue(word, out known)) return known;
            var number = _count;
            if (number == _words.Length)
            {
                var grown = new string[number * 2];
                _words.AsSpan().CopyTo(grown);
                Volatile.Write(ref _words, grown);
            }
            var added = new string(word);
            _words[number] = added;
            Volatile.Write(ref _count, number + 1);
            _numbers[added] = number;
            return number;
        }
    }
}
