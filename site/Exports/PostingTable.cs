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
    /// weight 0), both by ordinal and both as numbers in <paramref name="table"/>, whose words the terms are. Both arrays are
    /// used up: each document's entries are let go as soon as they are in the table. Every count is an array indexed by the
    /// word's number: no table keyed by string, and nothing grown by doubling.
    /// </summary>
    public static PostingTable Build((int Word, int Weight)[][] weights, int[][] exact, WordTable table)
    {
        var count = weights.Length;
        var vocabulary = table.Count;
        // Two passes over the documents' terms (no list per term to grow): each term's postings are counted, then every posting
        // is put in its term's slice of two flat arrays, and the document's terms are let go. Documents are taken in order, so
        // each slice is in ordinal order. A term twice in one document (two identifiers with one key) keeps its first posting.
        var counts = new int[vocabulary];
        var lastDocument = new int[vocabulary]; // plus one: 0 is none
        for (var i = 0; i < count; i++)
        {
            foreach (var (word, _) in weights[i]) Count(word, i);
            foreach (var term in exact[i]) Count(term, i);
        }
        void Count(int term, int document)
        {
            if (lastDocument[term] == document + 1) return;
            lastDocument[term] = document + 1;
            counts[term]++;
        }
        var starts = new int[vocabulary + 1];
        var used = 0;
        for (var t = 0; t < vocabulary; t++)
        {
            starts[t + 1] = starts[t] + counts[t];
            if (counts[t] > 0) used++;
        }
        var next = starts[..^1];
        var ordinals = new int[starts[^1]];
        var scores = new int[starts[^1]];
        for (var i = 0; i < count; i++)
        {
            foreach (var (word, weight) in weights[i]) Put(word, i, weight);
            foreach (var term in exact[i]) Put(term, i, 0);
            weights[i] = null!;
            exact[i] = null!;
        }
        void Put(int term, int document, int weight)
        {
            var at = next[term];
            if (at > starts[term] && ordinals[at - 1] == document) return; // a repeat in this document
            ordinals[at] = document;
            scores[at] = weight;
            next[term] = at + 1;
        }
        // The terms in use (the table may hold words no document has any more), sorted by code unit, as JavaScript compares
        // strings (StringComparer.Ordinal is the same order).
        var names = new string[used];
        var order = new int[used];
        for (int t = 0, n = 0; t < vocabulary; t++)
        {
            if (counts[t] == 0) continue;
            names[n] = table[t];
            order[n++] = t;
        }
        Array.Sort(names, order, StringComparer.Ordinal);
        return new PostingTable(names, order, starts, ordinals, scores);
    }
}
