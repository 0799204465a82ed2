using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace DulaRegistry.Publishing;

/// <summary>One agreement the manifest lists: the file at the manifest's commit.</summary>
public sealed record ManifestAgreement(string Id, string Status, string Path, string Sha256);

/// <summary>One agency the manifest lists (its file is <c>agencies/&lt;id&gt;.md</c>).</summary>
public sealed record ManifestAgency(string Id, string Sha256);

/// <summary>One log entry: the agreement, the commit at which it was executed, the SHA-256 of those bytes and the RFC 6962 leaf hash.</summary>
public sealed record ManifestEntry(long Index, string Id, string Commit, string Sha256, byte[] LeafHash);

/// <summary>The RFC 6962 consistency proof from the previously published log to this one.</summary>
public sealed record ManifestConsistency(long OldSize, byte[] OldRoot, IReadOnlyList<byte[]> Proof);

/// <summary>
/// <c>registry.json</c>: what one commit of the registry holds and the log of executed agreements up to it. Written
/// deterministically (fixed property order, sorted lists, LF, a trailing newline, no timestamp but the commit's own date), so
/// the same commit always gives the same bytes and those bytes are what the signature covers.
/// </summary>
public sealed record Manifest(
    string Registry,
    string Origin,
    string Commit,
    DateTimeOffset CommitDate,
    IReadOnlyList<ManifestAgreement> Agreements,
    IReadOnlyList<ManifestAgency> Agencies,
    long LogSize,
    byte[] LogRoot,
    IReadOnlyList<ManifestEntry> Entries,
    ManifestConsistency? Consistency)
{
    /// <summary>The format's name and version, the manifest's first property: a reader refuses what it does not know.</summary>
    public const string Format = "dula-registry-manifest/v1";

    public const string FileName = "registry.json";

    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        NewLine = "\n", // not Environment.NewLine: the bytes must not depend on the machine that publishes
        // Readable non-ASCII text (agreement ids are ASCII, registry names may not be); HTML-significant characters still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The manifest's bytes: UTF-8, LF line ends, a trailing newline.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_options))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("registry", Registry);
            json.WriteString("origin", Origin);
            json.WriteString("commit", Commit);
            json.WriteString("commit_date", CommitDate.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteStartArray("agreements");
            foreach (var a in Agreements.OrderBy(a => a.Id, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("id", a.Id);
                json.WriteString("status", a.Status);
                json.WriteString("path", a.Path);
                json.WriteString("sha256", a.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("agencies");
            foreach (var a in Agencies.OrderBy(a => a.Id, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("id", a.Id);
                json.WriteString("sha256", a.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("log");
            json.WriteNumber("size", LogSize);
            json.WriteString("root", Convert.ToBase64String(LogRoot));
            json.WriteStartArray("entries");
            foreach (var e in Entries)
            {
                json.WriteStartObject();
                json.WriteNumber("index", e.Index);
                json.WriteString("id", e.Id);
                json.WriteString("commit", e.Commit);
                json.WriteString("sha256", e.Sha256);
                json.WriteString("leaf_hash", Convert.ToBase64String(e.LeafHash));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (Consistency is { } c)
            {
                json.WriteStartObject("consistency");
                json.WriteNumber("old_size", c.OldSize);
                json.WriteString("old_root", Convert.ToBase64String(c.OldRoot));
                json.WriteStartArray("proof");
                foreach (var hash in c.Proof) json.WriteStringValue(Convert.ToBase64String(hash));
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a manifest; <see cref="ManifestException"/> with a plain message when it is not one this tool can read.</summary>
    public static Manifest Parse(byte[] bytes, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new ManifestException($"{source} is not valid JSON ({ex.Message.TrimEnd('.')}); give the registry.json a publish wrote");
        }
        using (document)
        {
            try
            {
                var root = document.RootElement;
                var format = String(root, "format");
                if (format != Format) throw new ManifestException($"{source} has format '{format}', but this tool reads {Format}; use a tool that matches the registry");
                var log = Property(root, "log");
                ManifestConsistency? consistency = null;
                if (log.TryGetProperty("consistency", out var c))
                {
                    consistency = new ManifestConsistency(Number(c, "old_size"), Base64(c, "old_root"),
                        [.. Array(c, "proof").Select(p => Base64Value(p, "consistency proof"))]);
                }
                return new Manifest(
                    String(root, "registry"),
                    String(root, "origin"),
                    String(root, "commit"),
                    DateTimeOffset.Parse(String(root, "commit_date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                    [.. Array(root, "agreements").Select(a => new ManifestAgreement(String(a, "id"), String(a, "status"), String(a, "path"), String(a, "sha256")))],
                    [.. Array(root, "agencies").Select(a => new ManifestAgency(String(a, "id"), String(a, "sha256")))],
                    Number(log, "size"),
                    Base64(log, "root"),
                    [.. Array(log, "entries").Select(e => new ManifestEntry(Number(e, "index"), String(e, "id"), String(e, "commit"), String(e, "sha256"), Base64(e, "leaf_hash")))],
                    consistency);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new ManifestException($"{source} is not a registry manifest ({ex.Message.TrimEnd('.')}); give the registry.json a publish wrote");
            }
        }
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value
            : throw new KeyNotFoundException($"'{name}' is missing");

    private static string String(JsonElement element, string name) => Property(element, name).GetString()
        ?? throw new FormatException($"'{name}' is null");

    private static long Number(JsonElement element, string name) => Property(element, name).GetInt64();

    private static byte[] Base64(JsonElement element, string name) => Base64Value(Property(element, name), name);

    private static byte[] Base64Value(JsonElement element, string name) =>
        element.TryGetBytesFromBase64(out var bytes) ? bytes : throw new FormatException($"'{name}' is not base64");

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string name)
    {
        var value = Property(element, name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new FormatException($"'{name}' is not a list");
    }
}

/// <summary>A file given as a manifest is not one; the message says which and what to give instead.</summary>
public sealed class ManifestException(string message) : Exception(message);
