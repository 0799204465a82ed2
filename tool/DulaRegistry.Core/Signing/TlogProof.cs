using System.Globalization;
using System.Text;

namespace DulaRegistry.Signing;

/// <summary>
/// A C2SP tlog-proof@v1 (c2sp.org/tlog-proof): an entry's index, its inclusion path (from the leaf's sibling up) and the
/// signed checkpoint the path leads to, verbatim. Checked offline with the log's public key alone.
/// </summary>
public sealed record TlogProof(long Index, IReadOnlyList<byte[]> Path, string CheckpointNote)
{
    /// <summary>The first line of every proof.</summary>
    public const string Header = "c2sp.org/tlog-proof@v1";

    /// <summary>The file name extension the format recommends.</summary>
    public const string Extension = ".tlog-proof";

    /// <summary>The proof's text: the header, "index N", one base64 hash a line, a blank line, then the checkpoint note.</summary>
    public string Format()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Index);
        ArgumentNullException.ThrowIfNull(Path);
        ArgumentNullException.ThrowIfNull(CheckpointNote);
        if (Path.Any(h => h is not { Length: MerkleTree.HashSize })) throw new ArgumentException($"every hash of the path must be {MerkleTree.HashSize} bytes", nameof(Path));
        if (CheckpointNote.Length == 0 || !CheckpointNote.EndsWith('\n')) throw new ArgumentException("the checkpoint note must be non-empty and end with a newline", nameof(CheckpointNote));
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        text.Append("index ").Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Path) text.Append(Convert.ToBase64String(hash)).Append('\n');
        text.Append('\n').Append(CheckpointNote);
        return text.ToString();
    }

    /// <summary>
    /// Reads a proof. An "extra" line, which the format allows for unauthenticated application data, is checked for
    /// form and then dropped: nothing here may trust it.
    /// </summary>
    /// <exception cref="TlogProofException">The text is not a tlog-proof@v1; the message names the line.</exception>
    public static TlogProof Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var n = 0;
        string Next() => n < lines.Length ? lines[n++] : throw new TlogProofException("the proof ends early: it needs an index line, the hashes, a blank line and the signed checkpoint", n + 1);

        if (Next() != Header) throw new TlogProofException($"the first line of a proof must be '{Header}'; this file is not a transparency-log proof (or is another version of one)", 1);
        var line = Next();
        if (line.StartsWith("extra ", StringComparison.Ordinal))
        {
            if (!SignedNote.TryParseBase64(line["extra ".Length..], out _)) throw new TlogProofException("the 'extra' line's data is not base64", n);
            line = Next();
        }
        if (!line.StartsWith("index ", StringComparison.Ordinal) || !Checkpoint.TryParseSize(line["index ".Length..], out var index))
        {
            throw new TlogProofException($"line {n} should be 'index N', the entry's position in the log (a whole number without leading zeros); it is '{Checkpoint.Shorten(line)}'", n);
        }
        var path = new List<byte[]>();
        while ((line = Next()).Length > 0)
        {
            if (!Checkpoint.TryParseHash(line, out var hash)) throw new TlogProofException($"line {n} should be the base64 of a {MerkleTree.HashSize}-byte hash of the inclusion path, or a blank line before the checkpoint; it is '{Checkpoint.Shorten(line)}'", n);
            path.Add(hash);
        }
        var checkpointStart = text.Length - string.Join('\n', lines[n..]).Length;
        var note = text[checkpointStart..];
        if (note.Length == 0 || !note.EndsWith('\n')) throw new TlogProofException("the signed checkpoint after the blank line is missing or does not end with a newline", n + 1);
        if (!SignedNote.IsWellFormed(note)) throw new TlogProofException("the checkpoint after the blank line is not a signed note (its text, a blank line, then signature lines beginning with '— ')", n + 1);
        return new TlogProof(index, path, note);
    }

    public bool Equals(TlogProof? other) =>
        other is not null && Index == other.Index && CheckpointNote == other.CheckpointNote
        && Path.Count == other.Path.Count && Path.Zip(other.Path).All(p => p.First.AsSpan().SequenceEqual(p.Second));

    public override int GetHashCode() => HashCode.Combine(Index, Path.Count, CheckpointNote);
}
