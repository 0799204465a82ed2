using System.Globalization;

namespace DulaRegistry.Signing;

/// <summary>
/// The body of a C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the log's origin, its size and its RFC 6962 root hash,
/// one per line. Signed as a <see cref="SignedNote"/>, it is what a verifier trusts about the log.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] Root)
{
    /// <summary>The log's name: non-empty, one line.</summary>
    public string Origin { get; init; } = CheckOrigin(Origin);

    /// <summary>The number of entries in the log.</summary>
    public long Size { get; init; } = Size >= 0 ? Size : throw new ArgumentOutOfRangeException(nameof(Size), Size, "a log's size cannot be negative");

    /// <summary>The 32-byte Merkle root of the log's entries.</summary>
    public byte[] Root { get; init; } = Root is { Length: MerkleTree.HashSize } ? Root : throw new ArgumentException($"a root hash is {MerkleTree.HashSize} bytes", nameof(Root));

    /// <summary>"&lt;origin&gt;\n&lt;size&gt;\n&lt;base64 root&gt;\n": the text that is signed.</summary>
    public string Body => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(Root)}\n";

    /// <summary>Reads a checkpoint body; extension lines after the root hash are allowed by the format and ignored.</summary>
    /// <exception cref="CheckpointException">The text is not a checkpoint body.</exception>
    public static Checkpoint ParseBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.EndsWith('\n')) throw new CheckpointException("the checkpoint does not end with a newline, so it was cut short or is not a checkpoint");
        var lines = body[..^1].Split('\n');
        if (lines.Length < 3) throw new CheckpointException($"a checkpoint has at least three lines (origin, size, root hash); this one has {lines.Length}", lines.Length + 1);
        if (lines[0].Length == 0) throw new CheckpointException("the checkpoint's first line, the log's origin, is empty", 1);
        if (!TryParseSize(lines[1], out var size)) throw new CheckpointException($"the checkpoint's second line should be the log's size, a whole number without leading zeros; it is '{Shorten(lines[1])}'", 2);
        if (!TryParseHash(lines[2], out var root)) throw new CheckpointException($"the checkpoint's third line should be the base64 of a {MerkleTree.HashSize}-byte root hash; it is '{Shorten(lines[2])}'", 3);
        for (var i = 3; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) throw new CheckpointException($"line {i + 1} of the checkpoint is empty; extension lines must not be", i + 1);
        }
        return new Checkpoint(lines[0], size, root);
    }

    public bool Equals(Checkpoint? other) => other is not null && Origin == other.Origin && Size == other.Size && Root.AsSpan().SequenceEqual(other.Root);

    public override int GetHashCode() => HashCode.Combine(Origin, Size, Convert.ToBase64String(Root));

    /// <summary>ASCII decimal, no sign, no leading zeros (unless it is 0), fits a long.</summary>
    internal static bool TryParseSize(string text, out long value)
    {
        value = 0;
        return text.Length > 0 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0')
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Canonical standard base64 of exactly 32 bytes (so one hash has one spelling).</summary>
    internal static bool TryParseHash(string text, out byte[] hash)
    {
        hash = new byte[MerkleTree.HashSize];
        return text.Length == 44 && Convert.TryFromBase64String(text, hash, out var written) && written == MerkleTree.HashSize
            && Convert.ToBase64String(hash) == text;
    }

    /// <summary>Quotes at most a short, single-line piece of untrusted text in a message.</summary>
    internal static string Shorten(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length <= 60 ? clean : clean[..57] + "...";
    }

    private static string CheckOrigin(string origin)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        return origin.Contains('\n', StringComparison.Ordinal) ? throw new ArgumentException("a log's origin is one line", nameof(origin)) : origin;
    }
}
