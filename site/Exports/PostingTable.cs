using System.Runtime.InteropServices;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// Every term of the search index with its postings: <see cref="Terms"/> sorted by code unit (as JavaScript compares strings),
/// each term's ordinals (ascending) and weights a slice of two flat arrays. Built in two passes over the documents' terms
/// (count, then fill), so no list per term grows: a list per term was a sixth of what making the index allocated.
/// </summary>
internal sealed class PostingTable
{
    private readonly int[] _ids;
    private readonly int[] _starts;
    private readonly int[] _ordinals;
    private readonly int[] _weights;

    private PostingTable(string[] terms, int[] ids, int[] starts, int[] ordinals, int[] weights)
    {
        Terms = terms;
        _ids = ids;
        _starts = starts;
        _ordinals = ordinals;
        _weights = weights;
    }

    /// <summary>The terms, sorted by code unit.</summary>
    public string[] Terms { get; }

    public int Count => Terms.Length;

    /// <summary>The postings of the <paramref name="n"/>th term: ordinals ascending, and their weights.</summary>
    public (ReadOnlyMemory<int> Ordinals, ReadOnlyMemory<int> Weights) Postings(int n)
    {
        var id = _ids[n];
        var range = _starts[id].._starts[id + 1];
        return (_ordinals.AsMemory(range), _weights.AsMemory(range));
    }

    /// <summary>
    /// The table of the documents' weighted words (<paramref name="weights"/>) and ordinal-only terms (<paramref name="exact"/>,
    /// weight 0), both by ordinal. Every term string must be the one string of its text (a <see cref="WordTable"/>'s): terms are
    /// told apart by reference. Both arrays are used up: each document's entries are let go once counted (at 100,000 agreements
    /// the weighted words are about 80 MB, which the flat arrays made next would otherwise join). <paramref name="vocabulary"/>,
    /// when known, is at least the number of distinct terms: the tables are made that size at once, rather than grown by
    /// doubling (each step a large array the collector reclaims only in a full collection).
    /// </summary>
    public static PostingTable Build((string Word, int Weight)[][] weights, string[][] exact, int vocabulary = 0)
    {
        var count = weights.Length;
        // Two passes over flat arrays (no list per term to grow): each document's terms get a number and are
        // counted, then every posting is put in its term's slice. Documents are taken in order, so each slice is in ordinal
        // order. A term twice in one document (two identifiers with one key) keeps its first posting.
        var ids = new Dictionary<string, int>(vocabulary, ReferenceEqualityComparer.Instance);
        var names = new List<string>(vocabulary);
        var counts = new List<int>(vocabulary);
        var lastDocument = new List<int>(vocabulary);
        var entries = 0;
        var lengths = new int[count];
        for (var i = 0; i < count; i++) entries += lengths[i] = weights[i].Length + exact[i].Length;
        var entryTerm = new int[entries];
        var entryWeight = new int[entries];
        var e = 0;
        for (var i = 0; i < count; i++)
        {
            foreach (var (word, weight) in weights[i]) Count(word, i, weight);
            foreach (var term in exact[i]) Count(term, i, 0);
            weights[i] = null!;
            exact[i] = null!;
        }
        void Count(string term, int document, int weight)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, term, out var known);
            if (!known)
            {
                id = names.Count;
                names.Add(term);
                counts.Add(0);
                lastDocument.Add(-1);
            }
            var repeat = lastDocument[id] == document;
            if (!repeat)
            {
                lastDocument[id] = document;
                counts[id]++;
            }
            entryTerm[e] = repeat ? -1 : id;
            entryWeight[e++] = weight;
        }
        var starts = new int[names.Count + 1];
        for (var t = 0; t < names.Count; t++) starts[t + 1] = starts[t] + counts[t];
        var next = starts[..^1];
        var ordinals = new int[starts[^1]];
        var scores = new int[starts[^1]];
        e = 0;
        for (var i = 0; i < count; i++)
        {
            for (var end = e + lengths[i]; e < end; e++)
            {
                if (entryTerm[e] < 0) continue;
                var at = next[entryTerm[e]]++;
                ordinals[at] = i;
                scores[at] = entryWeight[e];
            }
        }
        // Terms sorted by code unit, as JavaScript compares strings (StringComparer.Ordinal is the same order).
        var sortedNames = names.ToArray();
        var order = Enumerable.Range(0, sortedNames.Length).ToArray();
        Array.Sort(sortedNames, order, StringComparer.Ordinal);
        return new PostingTable(sortedNames, order, starts, ordinals, scores);
    }
}
