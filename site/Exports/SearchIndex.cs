using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// The prebuilt search index site.js reads, split so a query fetches only what it needs (Pagefind's chunked idea):
/// <list type="bullet">
/// <item><c>search/index.json</c>, the manifest: the number of documents, the document chunk size and the first term of
///   each term chunk (terms are sorted by UTF-16 code unit, as JavaScript compares strings).</item>
/// <item><c>search/terms/&lt;n&gt;.json</c>: term → postings, <c>[[ordinal deltas…], [weights…]]</c>. A word's weight in a
///   document is its BM25+ score over the fields (k 1.2, b 0.7, d 0.5; boosts id 4, title 3, service request 3, party names
///   and people 1.5, others 1) ×10, rounded. Besides the words (<see cref="SearchTokens"/>), two kinds of term carry only
///   ordinals: <c>=identifier</c> for each exact identifier (agreement id, service request number, party agency ids and
///   acronyms, see <see cref="SearchTokens.ExactKey"/>) and <c>#filter:value</c> for each value of the agreements
///   table's filters (status, agency, secretariat, classification, regulation, framework, year).</item>
/// <item><c>search/docs/&lt;n&gt;.json</c>: the records of documents n × chunk size onwards (ordinal = position by id), what
///   a result or a table row shows; fetched only for the results shown.</item>
/// <item><c>search/words/&lt;length&gt;.json</c>: the words of only letters of that length (UTF-16 units), for typo
///   tolerance: a word within k edits has a length within k of the query's, so a query reads two or three small files.</item>
/// </list>
/// </summary>
public static class SearchIndex
{
    /// <summary>Documents per <c>search/docs/</c> file: ten results on a page touch a few small files.</summary>
    public const int DocumentChunk = 100;

    /// <summary>A term chunk is closed once it passes this many bytes (a single large posting list may exceed it).</summary>
    public const int TermChunkBytes = 32 * 1024;

    private static readonly (string Name, double Boost)[] s_fields =
    [
        ("id", 4), ("title", 3), ("partyNames", 1.5), ("people", 1.5), ("purpose", 1), ("elements", 1),
        ("regulations", 1), ("citations", 1), ("tags", 1), ("status", 1), ("serviceRequest", 3),
    ];

    /// <summary>How many fields a document's words are kept for (<see cref="DocumentWords.FieldCount"/>).</summary>
    public static int FieldCount => s_fields.Length;

    private static readonly JsonWriterOptions s_compact = JsonExport.Options with { Indented = false };

    /// <summary>Every file of the index, as paths relative to the site and their bytes, in a fixed order.</summary>
    /// <param name="cancellationToken">Checked between documents and between terms: a signalled build stops here at once
    /// (a build has two seconds to stop and clean up after a signal).</param>
    public static IReadOnlyList<(string Path, byte[] Bytes)> Write(SiteModel site, CancellationToken cancellationToken = default) =>
        Collect(site, null, cancellationToken).Files;

    /// <summary><see cref="Build"/>, with every file collected in order: for tests and benchmarks (a build writes each file as
    /// it is made instead).</summary>
    public static (IReadOnlyList<(string Path, byte[] Bytes)> Files, SearchIndexBuild Index) Collect(SiteModel site, IKeptSearchWords? kept,
        CancellationToken cancellationToken = default)
    {
        var files = new List<(string, byte[])>();
        SearchIndexBuild? index = null;
        Build(site, kept, (path, bytes) => files.Add((path, bytes!)), weighed => index = weighed with { Words = [.. weighed.Words] }, null, null, cancellationToken);
        return (files, index!);
    }

    /// <summary>
    /// Makes every file of the index (as <see cref="Write"/>) and gives each to <paramref name="file"/> as soon as it is made, in
    /// a fixed order, on the calling thread. A document whose field texts hash as one in <paramref name="kept"/> (the last
    /// build's, <see cref="IKeptSearchWords"/>) takes its words from there instead of splitting its text again: in a one-file
    /// rebuild, every document but one. The files are the same bytes. No file is held once given: at 100,000 agreements the index
    /// is 86 MB, which a build held whole until its last file was made.
    /// </summary>
    /// <param name="weighed">Given each document's words (for the next build, <see cref="Build.SearchWordCache"/>) once they are
    /// counted, before they are weighed. When it returns, the index lets go of each document's words as it weighs them (the
    /// array it gave is emptied: a caller that keeps the words copies it): at 100,000 agreements they were about 100 MB when
    /// held as strings, which the weights and the postings' arrays would otherwise join.</param>
    /// <param name="gather">Called once every document is weighed and its words let go, before the postings are gathered (a
    /// large build collects its garbage there: <see cref="Build.HeapTrim"/>).</param>
    /// <param name="unchangedDocs">Given a document chunk's number and the range of agreements it holds, true when the site
    /// already holds that chunk's file with the bytes it would have (its agreements' views are the last build's): the chunk is
    /// then not made, and given to <paramref name="file"/> as null. Null: every chunk is made.</param>
    public static void Build(SiteModel site, IKeptSearchWords? kept, Action<string, byte[]?> file, Action<SearchIndexBuild> weighed,
        Action? gather, Func<int, Range, bool>? unchangedDocs, CancellationToken cancellationToken = default)
    {
        var agreements = site.Agreements;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };

        var weighted = Weigh(agreements, kept, parallel, weighed, out var exact, out var table);
        gather?.Invoke();
        // The documents' chunks: in a full build they depend on nothing but the site, so they are made on the other cores while
        // this thread gathers the postings and writes the terms, one core's work. An incremental build makes them last, once
        // the page fingerprints that tell which chunks changed are made (beside the terms).
        var docs = new byte[(agreements.Count + DocumentChunk - 1) / DocumentChunk][];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var docsMade = unchangedDocs is null
            ? Task.Run(() => MakeDocs(agreements, docs, null, new ParallelOptions { CancellationToken = stop.Token }), CancellationToken.None)
            : null;
        try
        {
            var (chunkFirsts, lengths) = WriteTerms(weighted, exact, table, file, cancellationToken);
            if (docsMade is null) MakeDocs(agreements, docs, unchangedDocs, parallel);
            else docsMade.GetAwaiter().GetResult();
            docsMade = null; // awaited
            for (var n = 0; n < docs.Length; n++)
            {
                file(SiteUrls.SearchDocsPath(n), docs[n]);
                docs[n] = null!; // given: let go
            }
            WriteManifest(agreements.Count, chunkFirsts, lengths, file);
        }
        finally
        {
            // The terms stopped short (cancelled, or a file could not be written): the chunks being made stop too, before the
            // index returns, and what stopped them (or their own cancellation) is dropped.
            if (docsMade is not null)
            {
                stop.Cancel();
                Task.WhenAny(docsMade).GetAwaiter().GetResult();
                _ = docsMade.Exception; // observed: the failure that stopped the terms is the one that goes on
            }
        }
    }

    /// <summary>Gathers the postings and gives <paramref name="file"/> the term chunks, then the words by length, in order; returns
    /// the first term of each chunk and the lengths that have words. The documents' words are used up.</summary>
    private static (List<string> ChunkFirsts, List<int> Lengths) WriteTerms((int Word, int Weight)[][] weighted, int[][] exact, WordTable table,
        Action<string, byte[]?> file, CancellationToken cancellationToken)
    {
        var terms = PostingTable.Build(weighted, exact, table);
        var chunkFirsts = new List<string>();
        var chunk = new ArrayBufferWriter<byte>(2 * TermChunkBytes);
        var chunkWriter = new Utf8JsonWriter(chunk, s_compact);
        void Close()
        {
            chunkWriter.WriteEndObject();
            chunkWriter.Flush();
            chunk.Write("\n"u8);
            file(SiteUrls.SearchTermsPath(chunkFirsts.Count - 1), chunk.WrittenSpan.ToArray());
            chunk.ResetWrittenCount();
            chunkWriter.Reset();
        }
        for (var t = 0; t < terms.Count; t++)
        {
            var term = terms.Terms[t];
            var (ordinals, weights) = terms.Postings(t);
            if (chunkFirsts.Count == 0 || chunkWriter.BytesCommitted + chunkWriter.BytesPending > TermChunkBytes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (chunkFirsts.Count > 0) Close();
                chunkFirsts.Add(term);
                chunkWriter.WriteStartObject();
            }
            chunkWriter.WriteStartArray(term);
            chunkWriter.WriteStartArray();
            var previous = 0;
            foreach (var ordinal in ordinals.Span)
            {
                chunkWriter.WriteNumberValue(ordinal - previous);
                previous = ordinal;
            }
            chunkWriter.WriteEndArray();
            if (term[0] is not ('=' or '#'))
            {
                chunkWriter.WriteStartArray();
                foreach (var weight in weights.Span) chunkWriter.WriteNumberValue(weight);
                chunkWriter.WriteEndArray();
            }
            chunkWriter.WriteEndArray();
            chunkWriter.Flush();
        }
        if (chunkFirsts.Count > 0) Close();
        chunkWriter.Dispose();

        // Words of letters only, by length, for typo tolerance.
        var lengths = new List<int>();
        foreach (var group in terms.Terms.Where(t => t[0] is not ('=' or '#') && SearchTokens.LettersOnly(t)).GroupBy(t => t.Length).OrderBy(g => g.Key))
        {
            lengths.Add(group.Key);
            file(SiteUrls.SearchWordsPath(group.Key), Json(json =>
            {
                json.WriteStartArray();
                foreach (var word in group) json.WriteStringValue(word);
                json.WriteEndArray();
            }));
        }

        return (chunkFirsts, lengths);
    }

    /// <summary>The documents' chunks, records in id order, each chunk on whichever core is free; a chunk
    /// <paramref name="unchanged"/> tells the site already holds is left null.</summary>
    private static void MakeDocs(IReadOnlyList<AgreementView> agreements, byte[][] docs, Func<int, Range, bool>? unchanged, ParallelOptions parallel) =>
        Parallel.For(0, docs.Length, parallel, chunk =>
        {
            var start = chunk * DocumentChunk;
            var end = Math.Min(agreements.Count, start + DocumentChunk);
            if (unchanged?.Invoke(chunk, start..end) == true) return; // left null: the site's file stays
            var scratch = new DistinctValues();
            docs[chunk] = Json(json =>
            {
                json.WriteStartArray();
                for (var i = start; i < end; i++) WriteRecord(json, agreements[i], scratch);
                json.WriteEndArray();
            });
        });

    /// <summary>The manifest: how many documents, the chunk size, where the parts are, each term chunk's first term and the
    /// word lengths.</summary>
    private static void WriteManifest(int documents, List<string> chunkFirsts, List<int> lengths, Action<string, byte[]?> file) =>
        file(SiteUrls.SearchManifestPath, Json(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteNumber("documents", documents);
            json.WriteNumber("documentChunk", DocumentChunk);
            // Paths relative to the manifest, so site.js needs only the manifest's URL.
            json.WriteString("docs", SiteUrls.SearchDocsPath(0)[SiteUrls.SearchFolder.Length..^"0.json".Length]);
            json.WriteString("terms", SiteUrls.SearchTermsPath(0)[SiteUrls.SearchFolder.Length..^"0.json".Length]);
            json.WriteString("words", SiteUrls.SearchWordsPath(0)[SiteUrls.SearchFolder.Length..^"0.json".Length]);
            JsonExport.Strings(json, "chunks", chunkFirsts);
            json.WriteStartArray("wordLengths");
            foreach (var length in lengths) json.WriteNumberValue(length);
            json.WriteEndArray();
            json.WriteEndObject();
        }));

    /// <summary>Each document's weighted words, and the terms that carry only its ordinal (<paramref name="exact"/>), by ordinal,
    /// all as numbers in <paramref name="table"/> (every term is one of its words). Each document's words, the hash of the texts
    /// they come from and which were taken from <paramref name="kept"/> go to <paramref name="weighed"/> before they are weighed,
    /// and are let go one by one as they are.</summary>
    private static (int Word, int Weight)[][] Weigh(IReadOnlyList<AgreementView> agreements, IKeptSearchWords? kept, ParallelOptions parallel,
        Action<SearchIndexBuild> weighed, out int[][] exact, out WordTable table)
    {
        var count = agreements.Count;
        // Every term has a number in one table, and everything below is counted in arrays indexed by it: hundreds of thousands
        // of lookups per build index an array instead of hashing a string. Words kept from the last build are numbers in that
        // table already. (A local of its own: the lambdas below cannot capture an out parameter.)
        var wordTable = table = kept?.Table ?? new WordTable();
        // Per document: each field's words with their frequency and the field's length (small arrays, not a dictionary per
        // field per document: this step allocates little, which matters most in an incremental build, where the heap is large
        // and every collection costs). The hash of the texts they were split from identifies them for the next build.
        var documents = new DocumentWords[count];
        var hashOf = new UInt128[count];
        var reused = new bool[count];
        // The terms that carry only ordinals (exact identifiers and filter values), per document.
        var ordinalTerms = exact = new int[count][];
        // Splitting each agreement's fields into words is independent of the others: on every core.
        Parallel.For(0, count, parallel, () => (new Dictionary<int, int>(), new List<int>(), new DistinctValues(), new XxHash128(),
            new List<(int, int)>()), (i, loop, scratchpad) =>
        {
            var (frequencies, split, scratch, hash, all) = scratchpad;
            var a = agreements[i];
            hash.Reset();
            var hashing = new HashSink(hash);
            for (var f = 0; f < s_fields.Length; f++) FieldTexts(a, s_fields[f].Name, scratch, ref hashing);
            hashOf[i] = hash.GetCurrentHashAsUInt128();
            if (kept is not null && kept.TryGet(hashOf[i], out var known) && known.FieldCount == s_fields.Length)
            {
                documents[i] = known;
                reused[i] = true;
            }
            else
            {
                all.Clear();
                var fields = new int[2 * s_fields.Length];
                var splitting = new WordSink(wordTable, split);
                for (var f = 0; f < s_fields.Length; f++)
                {
                    split.Clear();
                    FieldTexts(a, s_fields[f].Name, scratch, ref splitting);
                    frequencies.Clear();
                    foreach (var word in split) CollectionsMarshal.GetValueRefOrAddDefault(frequencies, word, out _)++;
                    foreach (var (word, frequency) in frequencies) all.Add((word, frequency));
                    fields[f] = all.Count;
                    fields[s_fields.Length + f] = split.Count;
                }
                documents[i] = new DocumentWords([.. all], fields);
            }
            ordinalTerms[i] = OrdinalTerms(a, wordTable, scratch);
            return scratchpad;
        }, _ => { });

        // How many documents have each word in each field (field f's count of word w at f × vocabulary + w), and each field's
        // length in each document.
        var vocabulary = wordTable.Count;
        var matching = new int[s_fields.Length * vocabulary];
        var fieldLengths = new int[s_fields.Length][];
        for (var f = 0; f < s_fields.Length; f++)
        {
            var field = matching.AsSpan(f * vocabulary, vocabulary);
            fieldLengths[f] = new int[count];
            for (var i = 0; i < count; i++)
            {
                foreach (var (word, _) in documents[i].Field(f)) field[word]++;
                fieldLengths[f][i] = documents[i].Length(f);
            }
        }

        // The words go to the caller now, before they are weighed: each document's are then let go as soon as it is weighed, so
        // the words and the weights are never all held at once.
        weighed(new SearchIndexBuild(hashOf, documents, reused, wordTable));

        var averages = fieldLengths.Select(lengths => count == 0 ? 1.0 : Math.Max(1e-9, lengths.Average())).ToArray();
        // Each agreement's word weights, on every core; then added to the terms in agreement order. A word's score is summed
        // over the fields in field order, whatever order each field's words are held in.
        var weights = new (int Word, int Weight)[count][];
        Parallel.For(0, count, parallel, () => (new double[vocabulary], new int[vocabulary], new List<int>()), (i, loop, scratchpad) =>
        {
            // A word's score, and the document it was last scored for (plus one: 0 is none): each thread's arrays serve all its
            // documents, and only the scored words' entries are read.
            var (scores, scoredIn, scored) = scratchpad;
            scored.Clear();
            for (var f = 0; f < s_fields.Length; f++)
            {
                foreach (var (word, frequency) in documents[i].Field(f))
                {
                    if (scoredIn[word] != i + 1)
                    {
                        scoredIn[word] = i + 1;
                        scores[word] = 0;
                        scored.Add(word);
                    }
                    scores[word] += s_fields[f].Boost * Bm25(frequency, matching[(f * vocabulary) + word], count, fieldLengths[f][i], averages[f]);
                }
            }
            var weighted = new (int Word, int Weight)[scored.Count];
            for (var n = 0; n < weighted.Length; n++)
            {
                var word = scored[n];
                weighted[n] = (word, Math.Max(1, (int)Math.Round(scores[word] * 10, MidpointRounding.AwayFromZero)));
            }
            weights[i] = weighted;
            documents[i] = null!; // weighed: let go
            return scratchpad;
        }, _ => { });
        return weights;
    }

    /// <summary>
    /// The terms of <paramref name="a"/> that carry only ordinals, as their numbers in <paramref name="table"/>: <c>=key</c> for
    /// each exact identifier (<see cref="ExactIds"/>; one whose key is empty has none), then <c>#filter:value</c> for each filter
    /// value.
    /// </summary>
    private static int[] OrdinalTerms(AgreementView a, WordTable table, DistinctValues scratch)
    {
        var terms = scratch.Numbers;
        terms.Clear();
        Span<char> buffer = stackalloc char[256];
        foreach (var id in ExactIds(a, scratch))
        {
            var key = SearchTokens.ExactKey(id);
            if (key.Length > 0) terms.Add(Term(table, buffer, "=", key, "", ""));
        }
        foreach (var (filter, value) in FilterValues(a)) terms.Add(Term(table, buffer, "#", filter, ":", value));
        return [.. terms];
    }

    /// <summary>The table's number for the four parts joined (made in <paramref name="buffer"/> when it fits: no string for a repeat).</summary>
    private static int Term(WordTable table, Span<char> buffer, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c, ReadOnlySpan<char> d)
    {
        var length = a.Length + b.Length + c.Length + d.Length;
        if (length > buffer.Length) return table.Number(string.Concat(a, b, c, d));
        a.CopyTo(buffer);
        b.CopyTo(buffer[a.Length..]);
        c.CopyTo(buffer[(a.Length + b.Length)..]);
        d.CopyTo(buffer[(a.Length + b.Length + c.Length)..]);
        return table.Number(buffer[..length]);
    }

    /// <summary>MiniSearch's BM25+ (the scoring the site used before the index was prebuilt).</summary>
    private static double Bm25(int frequency, int matching, int total, int length, double average)
    {
        const double k = 1.2, b = 0.7, d = 0.5;
        var idf = Math.Log(1 + ((total - matching + 0.5) / (matching + 0.5)));
        return idf * (d + (frequency * (k + 1) / (frequency + (k * (1 - b + (b * length / average))))));
    }

    /// <summary>The values the agreements table filters on, by the names of its filter controls (site.js FILTERS).</summary>
    public static IEnumerable<(string Filter, string Value)> FilterValues(AgreementView a)
    {
        yield return ("status", a.Status.Name);
        foreach (var id in a.AgencyIds) yield return ("agency", id);
        foreach (var id in a.SecretariatIds) yield return ("secretariat", id);
        foreach (var c in a.Classifications) yield return ("classification", c);
        foreach (var r in a.Regulations) yield return ("regulation", r);
        yield return ("framework", a.Framework.Name);
        if (a.Year is { } year) yield return ("year", year.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Gives <paramref name="sink"/> the texts of <paramref name="a"/>'s <paramref name="field"/>, in order: what is split into
    /// the field's words (<see cref="WordSink"/>) and what identifies them (<see cref="HashSink"/>). A field of several parts
    /// (names, elements, citations) is the parts joined by separators that are never part of a word, so its words are each
    /// part's words in turn: the parts are given one by one, and the joined text is never made.
    /// </summary>
    private static void FieldTexts<TSink>(AgreementView a, string field, DistinctValues scratch, ref TSink sink) where TSink : struct, ITextSink
    {
        sink.StartField();
        switch (field)
        {
            case "id": sink.Add(a.Id); break;
            case "title": sink.Add(a.Title); break;
            case "partyNames":
                foreach (var party in PartyAgencies(a, scratch))
                {
                    sink.Add(party.Name);
                    sink.Add(party.Acronym);
                }
                break;
            case "people": foreach (var name in People(a, scratch)) sink.Add(name); break;
            case "purpose": sink.Add(a.Purpose); break;
            case "elements": foreach (var element in Elements(a, scratch)) sink.Add(element); break;
            case "regulations": for (var i = 0; i < a.Regulations.Count; i++) sink.Add(a.Regulations[i]); break;
            case "citations": for (var i = 0; i < a.LegalAuthority.Count; i++) sink.Add(a.LegalAuthority[i].Citation); break;
            case "tags": for (var i = 0; i < a.Tags.Count; i++) sink.Add(a.Tags[i]); break;
            case "status": sink.Add(a.Status.Name); break;
            case "serviceRequest": sink.Add(a.ServiceRequest); break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "not a search field");
        }
    }

    /// <summary>What <see cref="FieldTexts"/> gives a field's texts to.</summary>
    private interface ITextSink
    {
        void StartField();

        void Add(string? text);
    }

    /// <summary>Splits each text into words, whose numbers are added to a list (<see cref="SearchTokens.AddWordNumbers"/>).</summary>
    private readonly struct WordSink(WordTable table, List<int> words) : ITextSink
    {
        public void StartField() { }

        public void Add(string? text) => SearchTokens.AddWordNumbers(text, table, words);
    }

    /// <summary>Hashes the texts, each with its length (null apart from empty) and each field marked, so that different
    /// texts, split differently among fields or parts, never hash alike by construction.</summary>
    private readonly struct HashSink(XxHash128 hash) : ITextSink
    {
        public void StartField() => hash.Append([0xFF, 0xFF, 0xFF, 0xFF]);

        public void Add(string? text)
        {
            Span<byte> length = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, text?.Length ?? -2);
            hash.Append(length);
            if (text is not null) hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
        }
    }

    /// <summary>Each distinct data element name and element of the agreement's data flows, in order.</summary>
    private static List<string> Elements(AgreementView a, DistinctValues scratch)
    {
        var elements = scratch.Start();
        for (var i = 0; i < a.DataFlows.Count; i++)
        {
            var flow = a.DataFlows[i];
            scratch.AddOnce(flow.Name);
            for (var j = 0; j < flow.Elements.Count; j++) scratch.AddOnce(flow.Elements[j]);
        }
        return elements;
    }

    /// <summary>Each party agency once, in order.</summary>
    private static List<AgencyRef> PartyAgencies(AgreementView a, DistinctValues scratch)
    {
        var agencies = scratch.Agencies;
        agencies.Clear();
        scratch.Start();
        for (var i = 0; i < a.Parties.Count; i++)
        {
            if (scratch.FirstTime(a.Parties[i].Agency.Id)) agencies.Add(a.Parties[i].Agency);
        }
        return agencies;
    }

    private static string PartyNames(AgreementView a, DistinctValues scratch)
    {
        var names = scratch.Text.Clear();
        foreach (var party in PartyAgencies(a, scratch))
        {
            if (names.Length > 0) names.Append(' ');
            names.Append(party.Name);
            if (!string.IsNullOrEmpty(party.Acronym)) names.Append(' ').Append(party.Acronym);
        }
        return names.ToString();
    }

    /// <summary>What a live result and a table row show, and the row's filter attributes.</summary>
    private static void WriteRecord(Utf8JsonWriter json, AgreementView a, DistinctValues scratch)
    {
        json.WriteStartObject();
        json.WriteString("id", a.Id);
        json.WriteString("title", a.Title);
        json.WriteString("url", a.Url);
        json.WriteString("status", a.Status.Name);
        json.WriteString("statusLabel", a.Status.Label);
        json.WriteString("framework", a.Framework.Name);
        json.WriteString("frameworkLabel", a.Framework.Label);
        if (a.Year is { } year) json.WriteNumber("year", year);
        else json.WriteNull("year");
        json.WriteString("partyNames", PartyNames(a, scratch));
        json.WriteString("owners", string.Join(", ", a.Owners.Select(p => p.Agency.Short)));
        json.WriteString("recipients", string.Join(", ", a.Recipients.Select(p => p.Agency.Short)));
        JsonExport.Strings(json, "agencies", a.AgencyIds);
        JsonExport.Strings(json, "secretariats", a.SecretariatIds);
        JsonExport.Strings(json, "classifications", a.Classifications);
        JsonExport.Strings(json, "regulations", a.Regulations);
        JsonExport.Date(json, "expires", a.Term.Expires);
        if (string.IsNullOrWhiteSpace(a.ServiceRequest)) json.WriteNull("serviceRequest");
        else json.WriteString("serviceRequest", a.ServiceRequest.Trim());
        json.WriteEndObject();
    }

    /// <summary>The JSON <paramref name="write"/> writes and a line end; <paramref name="capacity"/> is the size expected, so the
    /// buffer rarely grows.</summary>
    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = t_json ??= new ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer, s_compact)) write(json);
        buffer.Write("\n"u8);
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 1024 * 1024) t_json = null; // a huge chunk's buffer is not kept
        return bytes;
    }

    /// <summary>Each thread's buffer for <see cref="Json"/>, reused file after file.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_json;

    /// <summary>The agreement id, its service request number and each party's id and acronym, once each (case-insensitively).</summary>
    private static List<string> ExactIds(AgreementView a, DistinctValues scratch)
    {
        var ids = scratch.Start(ignoreCase: true);
        scratch.AddOnce(a.Id?.Trim());
        scratch.AddOnce(a.ServiceRequest?.Trim());
        for (var i = 0; i < a.Parties.Count; i++)
        {
            var party = a.Parties[i];
            scratch.AddOnce(party.Agency.Id?.Trim());
            scratch.AddOnce(party.Agency.Acronym?.Trim());
        }
        return ids;
    }

    /// <summary>Everyone named on the agreement: DULA managers, signatories (listed and signed), drafters.</summary>
    private static List<string> People(AgreementView a, DistinctValues scratch)
    {
        var people = scratch.Start();
        for (var i = 0; i < a.Parties.Count; i++)
        {
            scratch.AddOnce(a.Parties[i].DulaManager?.Name?.Trim());
            scratch.AddOnce(a.Parties[i].Signatory?.Name?.Trim());
        }
        for (var i = 0; i < a.Signatures.Count; i++) scratch.AddOnce(a.Signatures[i].Name?.Trim());
        for (var i = 0; i < a.Drafters.Count; i++) scratch.AddOnce(a.Drafters[i].Name?.Trim());
        return people;
    }

}
