using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace DulaRegistry.Loading;

/// <summary>
/// One value for each key that many registry files repeat, shared by all of them: the table behind <see cref="SharedStrings"/>
/// and the site's shared table-of-contents entries. Bounded: past <paramref name="maxCount"/> values a new one is handed back
/// unshared, so a registry of endless distinct values cannot grow it. Safe to use from several threads at once.
/// </summary>
public sealed class SharedTable<TKey, TValue>(int maxCount, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new(comparer);

    private int _count; // ConcurrentDictionary.Count takes every lock: counted here instead

    /// <summary>The value kept for <paramref name="key"/>, if there is one.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => _values.TryGetValue(key, out value);

    /// <summary>The value kept for <paramref name="key"/> by whoever kept it first, else <paramref name="made"/>, now kept. Once
    /// the table is full, <paramref name="made"/> is handed back without a look: callers look with <see cref="TryGet"/> first.</summary>
    public TValue Keep(TKey key, TValue made)
    {
        if (Volatile.Read(ref _count) >= maxCount) return made;
        var kept = _values.GetOrAdd(key, made);
        if (ReferenceEquals(kept, made)) Interlocked.Increment(ref _count);
        return kept;
    }

    /// <summary>Looks keys up by another type than their own (a span for a string key), as the table's comparer allows.</summary>
    public ConcurrentDictionary<TKey, TValue>.AlternateLookup<TAlternate> AlternateLookup<TAlternate>() where TAlternate : notnull, allows ref struct =>
        _values.GetAlternateLookup<TAlternate>();
}
