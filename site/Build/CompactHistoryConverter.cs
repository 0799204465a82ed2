using System.Text.Json;
using System.Text.Json.Serialization;
using DulaRegistry.History;
using DulaRegistry.Model;

namespace DulaRegistry.Site.Build;

/// <summary>
/// The status history in the build cache, each commit written once: a registry's history has a few hundred commits and
/// tens of thousands of status changes, and writing the commit's hash, date and subject into every change made the history
/// nine tenths of the cache (9 MB at 10,000 agreements) and most of the time it took to read.
/// <code>
/// { "note": null,
///   "commits": [ ["&lt;hash&gt;", "2024-01-01T09:00:00+00:00", "subject"], ... ],
///   "agreements": { "DULA-2024-0001": [ &lt;last change's commit or -1&gt;, "Proposed", &lt;commit&gt;, "Drafting", &lt;commit&gt;, ... ] } }
/// </code>
/// Anything out of place is a <see cref="JsonException"/>: the cache is not used and the history is walked again.
/// </summary>
internal sealed class CompactHistoryConverter : JsonConverter<RegistryHistory>
{
    public override void Write(Utf8JsonWriter writer, RegistryHistory value, JsonSerializerOptions options)
    {
        var commits = new Dictionary<(string, DateTimeOffset, string), int>();
        var table = new List<(string Commit, DateTimeOffset Date, string Subject)>();
        int Commit(string commit, DateTimeOffset date, string subject)
        {
            if (!commits.TryGetValue((commit, date, subject), out var index))
            {
                commits[(commit, date, subject)] = index = table.Count;
                table.Add((commit, date, subject));
            }
            return index;
        }
        // The agreements first (into a buffer), so that the commits table they number is complete when it is written.
        var agreements = new List<(string Id, int Last, List<(AgreementStatus, int)> Changes)>(value.Agreements.Count);
        foreach (var (id, history) in value.Agreements.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var last = history.LastChanged is { } l ? Commit(l.Commit, l.Date, l.Subject) : -1;
            agreements.Add((id, last, [.. history.StatusChanges.Select(c => (c.Status, Commit(c.Commit, c.Date, c.Subject)))]));
        }
        writer.WriteStartObject();
        writer.WriteString("note", value.Note);
        writer.WriteStartArray("commits");
        foreach (var (commit, date, subject) in table)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(commit);
            writer.WriteStringValue(date);
            writer.WriteStringValue(subject);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("agreements");
        foreach (var (id, last, changes) in agreements)
        {
            writer.WriteStartArray(id);
            writer.WriteNumberValue(last);
            foreach (var (status, commit) in changes)
            {
                writer.WriteStringValue(status.ToString());
                writer.WriteNumberValue(commit);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public override RegistryHistory Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Unexpected(); // the reader stands on the value's first token
        string? note = null;
        var commits = new List<(string Commit, DateTimeOffset Date, string Subject)>();
        var agreements = new Dictionary<string, AgreementHistory>(StringComparer.Ordinal);
        // One object per commit and per (status, commit): a commit touches many agreements.
        var lastChanges = new Dictionary<int, LastChange>();
        var changes = new Dictionary<(AgreementStatus, int), StatusChange>();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            switch (name)
            {
                case "note":
                    Next(ref reader);
                    note = reader.TokenType == JsonTokenType.Null ? null : Text(ref reader);
                    break;
                case "commits":
                    Expect(ref reader, JsonTokenType.StartArray);
                    while (Next(ref reader) == JsonTokenType.StartArray)
                    {
                        Next(ref reader);
                        var commit = Text(ref reader);
                        Next(ref reader);
                        var date = reader.TokenType == JsonTokenType.String ? reader.GetDateTimeOffset() : throw Unexpected();
                        Next(ref reader);
                        var subject = Text(ref reader);
                        Expect(ref reader, JsonTokenType.EndArray);
                        commits.Add((commit, date, subject));
                    }
                    if (reader.TokenType != JsonTokenType.EndArray) throw Unexpected();
                    break;
                case "agreements":
                    Expect(ref reader, JsonTokenType.StartObject);
                    while (Next(ref reader) == JsonTokenType.PropertyName)
                    {
                        var id = reader.GetString()!;
                        Expect(ref reader, JsonTokenType.StartArray);
                        Next(ref reader);
                        var last = Index(ref reader, commits.Count, allowNone: true);
                        var statusChanges = new List<StatusChange>();
                        while (Next(ref reader) == JsonTokenType.String)
                        {
                            var status = Enum.TryParse<AgreementStatus>(reader.GetString(), ignoreCase: false, out var s) && Enum.IsDefined(s) ? s : throw Unexpected();
                            Next(ref reader);
                            var commit = Index(ref reader, commits.Count, allowNone: false);
                            if (!changes.TryGetValue((status, commit), out var change))
                            {
                                changes[(status, commit)] = change = new StatusChange(status, commits[commit].Date, commits[commit].Commit, commits[commit].Subject);
                            }
                            statusChanges.Add(change);
                        }
                        if (reader.TokenType != JsonTokenType.EndArray) throw Unexpected();
                        LastChange? lastChange = null;
                        if (last >= 0 && !lastChanges.TryGetValue(last, out lastChange))
                        {
                            lastChanges[last] = lastChange = new LastChange(commits[last].Date, commits[last].Commit, commits[last].Subject);
                        }
                        agreements[id] = new AgreementHistory(statusChanges, lastChange);
                    }
                    if (reader.TokenType != JsonTokenType.EndObject) throw Unexpected();
                    break;
                default:
                    throw Unexpected();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw Unexpected();
        return new RegistryHistory(agreements, note);
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) => reader.Read() ? reader.TokenType : throw Unexpected();

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type) throw Unexpected();
    }

    private static string Text(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Unexpected();

    private static int Index(ref Utf8JsonReader reader, int count, bool allowNone) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var i) && i < count && (i >= 0 || (allowNone && i == -1)) ? i : throw Unexpected();

    private static JsonException Unexpected() => new("the cached history is not in the expected form");
}
