using System.Globalization;
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

    private static readonly JsonWriterOptions s_compact = JsonExport.Options with { Indented = false };

    /// <summary>Every file of the index, as paths relative to the site and their bytes, in a fixed order.</summary>
    public static IReadOnlyList<(string Path, byte[] Bytes)> Write(SiteModel site)
    {
        var agreements = site.Agreements;
        var files = new List<(string, byte[])>();

        // Documents: chunks of records in id order.
        for (var start = 0; start < agreements.Count; start += DocumentChunk)
        {
            var end = Math.Min(agreements.Count, start + DocumentChunk);
            files.Add((SiteUrls.SearchDocsPath(start / DocumentChunk), Json(json =>
            {
                json.WriteStartArray();
                for (var i = start; i < end; i++) WriteRecord(json, agreements[i]);
                json.WriteEndArray();
            })));
        }

        var terms = Postings(agreements);
        var chunkFirsts = new List<string>();
        var chunk = new MemoryStream();
        var chunkWriter = new Utf8JsonWriter(chunk, s_compact);
        void Close()
        {
            chunkWriter.WriteEndObject();
            chunkWriter.Flush();
            files.Add((SiteUrls.SearchTermsPath(chunkFirsts.Count - 1), [.. chunk.ToArray(), (byte)'\n']));
            chunk.SetLength(0);
            chunkWriter.Reset();
        }
        foreach (var (term, postings) in terms)
        {
            if (chunkFirsts.Count == 0 || chunkWriter.BytesCommitted + chunkWriter.BytesPending > TermChunkBytes)
            {
                if (chunkFirsts.Count > 0) Close();
                chunkFirsts.Add(term);
                chunkWriter.WriteStartObject();
            }
            chunkWriter.WriteStartArray(term);
            chunkWriter.WriteStartArray();
            var previous = 0;
            foreach (var (ordinal, _) in postings)
            {
                chunkWriter.WriteNumberValue(ordinal - previous);
                previous = ordinal;
            }
            chunkWriter.WriteEndArray();
            if (term[0] is not ('=' or '#'))
            {
                chunkWriter.WriteStartArray();
                foreach (var (_, weight) in postings) chunkWriter.WriteNumberValue(weight);
                chunkWriter.WriteEndArray();
            }
            chunkWriter.WriteEndArray();
            chunkWriter.Flush();
        }
        if (chunkFirsts.Count > 0) Close();
        chunkWriter.Dispose();

        // Words of letters only, by length, for typo tolerance.
        var lengths = new List<int>();
        foreach (var group in terms.Keys.Where(t => t[0] is not ('=' or '#') && SearchTokens.LettersOnly(t)).GroupBy(t => t.Length).OrderBy(g => g.Key))
        {
            lengths.Add(group.Key);
            files.Add((SiteUrls.SearchWordsPath(group.Key), Json(json =>
            {
                json.WriteStartArray();
                foreach (var word in group) json.WriteStringValue(word);
                json.WriteEndArray();
            })));
        }

        files.Add((SiteUrls.SearchManifestPath, Json(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteNumber("documents", agreements.Count);
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
        })));
        return files;
    }

    /// <summary>Every term with its postings (ordinal, weight), terms sorted by code unit, postings by ordinal.</summary>
    private static SortedDictionary<string, List<(int Ordinal, int Weight)>> Postings(IReadOnlyList<AgreementView> agreements)
    {
        var count = agreements.Count;
        // Per field: each document's words with their frequency, the field's length, and how many documents hold each word.
        // Held as small arrays (not a dictionary per field per document) and with one string per distinct word: this step
        // allocates little, which matters most in an incremental build, where the heap is large and every collection costs.
        var fieldWords = new (string Word, int Count)[s_fields.Length][][];
        var fieldLengths = new int[s_fields.Length][];
        var matching = new Dictionary<string, int>[s_fields.Length];
        for (var f = 0; f < s_fields.Length; f++)
        {
            fieldWords[f] = new (string, int)[count][];
            fieldLengths[f] = new int[count];
            matching[f] = new Dictionary<string, int>(StringComparer.Ordinal);
        }
        var table = new WordTable();
        // Splitting each agreement's fields into words is independent of the others: on every core.
        Parallel.For(0, count, () => new Dictionary<string, int>(StringComparer.Ordinal), (i, _, frequencies) =>
        {
            var a = agreements[i];
            for (var f = 0; f < s_fields.Length; f++)
            {
                var words = SearchTokens.Words(FieldText(a, s_fields[f].Name), table);
                frequencies.Clear();
                foreach (var word in words) frequencies[word] = frequencies.GetValueOrDefault(word) + 1;
                var counted = new (string, int)[frequencies.Count];
                var n = 0;
                foreach (var (word, frequency) in frequencies) counted[n++] = (word, frequency);
                fieldWords[f][i] = counted;
                fieldLengths[f][i] = words.Count;
            }
            return frequencies;
        }, _ => { });
        for (var f = 0; f < s_fields.Length; f++)
        {
            for (var i = 0; i < count; i++)
            {
                foreach (var (word, _) in fieldWords[f][i]) matching[f][word] = matching[f].GetValueOrDefault(word) + 1;
            }
        }

        // Terms are gathered in a hash table and sorted once at the end (cheaper than a sorted tree per insertion).
        var terms = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        void Add(string term, int ordinal, int weight)
        {
            if (!terms.TryGetValue(term, out var list)) terms[term] = list = [];
            if (list.Count > 0 && list[^1].Item1 == ordinal) return; // ordinals arrive in order: a repeat is at the end
            list.Add((ordinal, weight));
        }
        var averages = fieldLengths.Select(lengths => count == 0 ? 1.0 : Math.Max(1e-9, lengths.Average())).ToArray();
        // Each agreement's word weights, on every core; then added to the terms in agreement order, as before. A word's score
        // is summed over the fields in field order, whatever order each field's words are held in.
        var weights = new (string Word, int Weight)[count][];
        Parallel.For(0, count, () => new Dictionary<string, double>(StringComparer.Ordinal), (i, _, scores) =>
        {
            scores.Clear();
            for (var f = 0; f < s_fields.Length; f++)
            {
                foreach (var (word, frequency) in fieldWords[f][i])
                {
                    scores[word] = scores.GetValueOrDefault(word)
                        + s_fields[f].Boost * Bm25(frequency, matching[f][word], count, fieldLengths[f][i], averages[f]);
                }
            }
            var sorted = new (string Word, int Weight)[scores.Count];
            var n = 0;
            foreach (var (word, score) in scores) sorted[n++] = (word, Math.Max(1, (int)Math.Round(score * 10, MidpointRounding.AwayFromZero)));
            Array.Sort(sorted, static (x, y) => string.CompareOrdinal(x.Word, y.Word));
            weights[i] = sorted;
            return scores;
        }, _ => { });
        for (var i = 0; i < count; i++)
        {
            foreach (var (word, weight) in weights[i]) Add(word, i, weight);
            var a = agreements[i];
            foreach (var id in ExactIds(a)) Add("=" + SearchTokens.ExactKey(id), i, 0);
            foreach (var (filter, value) in FilterValues(a)) Add("#" + filter + ":" + value, i, 0);
        }
        terms.Remove("=");
        return new SortedDictionary<string, List<(int Ordinal, int Weight)>>(terms, StringComparer.Ordinal);
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

    private static string FieldText(AgreementView a, string field) => field switch
    {
        "id" => a.Id,
        "title" => a.Title,
        "partyNames" => PartyNames(a),
        "people" => string.Join(", ", People(a)),
        "purpose" => a.Purpose ?? "",
        "elements" => string.Join(", ", a.DataFlows.SelectMany(d => d.Elements.Prepend(d.Name)).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal)),
        "regulations" => string.Join(" ", a.Regulations),
        "citations" => string.Join("; ", a.LegalAuthority.Select(l => l.Citation).OfType<string>()),
        "tags" => string.Join(" ", a.Tags),
        "status" => a.Status.Name,
        "serviceRequest" => a.ServiceRequest?.Trim() ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a search field"),
    };

    private static string PartyNames(AgreementView a) => string.Join(" ", a.Parties.Select(p => p.Agency).DistinctBy(p => p.Id)
        .Select(p => string.IsNullOrEmpty(p.Acronym) ? p.Name : $"{p.Name} {p.Acronym}"));

    /// <summary>What a live result and a table row show, and the row's filter attributes.</summary>
    private static void WriteRecord(Utf8JsonWriter json, AgreementView a)
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
        json.WriteString("partyNames", PartyNames(a));
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

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_compact)) write(json);
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The agreement id, its service request number and each party's id and acronym, once each (case-insensitively).</summary>
    private static List<string> ExactIds(AgreementView a)
    {
        IEnumerable<string?> candidates = [a.Id, a.ServiceRequest, .. a.Parties.SelectMany(p => new[] { p.Agency.Id, p.Agency.Acronym })];
        return candidates.Select(c => c?.Trim()).OfType<string>().Where(c => c.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Everyone named on the agreement: DULA managers, signatories (listed and signed), drafters.</summary>
    private static IEnumerable<string> People(AgreementView a) =>
        a.Parties.SelectMany(p => new[] { p.DulaManager?.Name, p.Signatory?.Name })
            .Concat(a.Signatures.Select(s => s.Name))
            .Concat(a.Drafters.Select(d => d.Name))
            .Select(n => n?.Trim()).OfType<string>().Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal);
}
