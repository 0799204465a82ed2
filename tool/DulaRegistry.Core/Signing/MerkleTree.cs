using System.Security.Cryptography;

namespace DulaRegistry.Signing;

/// <summary>
/// The Merkle tree of RFC 6962 / RFC 9162 section 2.1 over SHA-256: the log of executed agreements, its root, and the
/// proofs that an entry is in it (inclusion) and that a later log extends an earlier one (consistency).
/// </summary>
public static class MerkleTree
{
    /// <summary>The size of every hash in the tree.</summary>
    public const int HashSize = 32;

    /// <summary>SHA-256(0x00 || entry): the leaf prefix keeps a leaf from ever being taken for an inner node.</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(entry);
        return sha.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x01]);
        sha.AppendData(left);
        sha.AppendData(right);
        return sha.GetHashAndReset();
    }

    /// <summary>The tree's root hash (MTH); the empty tree's is SHA-256 of nothing.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes)
    {
        CheckLeaves(leafHashes);
        return leafHashes.Count == 0 ? SHA256.HashData(ReadOnlySpan<byte>.Empty) : Subtree(leafHashes, 0, leafHashes.Count);
    }

    /// <summary>The audit path of leaf <paramref name="index"/> (RFC 9162 section 2.1.3.1), from the leaf's sibling up to a child of the root.</summary>
    public static IReadOnlyList<byte[]> InclusionProof(IReadOnlyList<byte[]> leafHashes, long index)
    {
        CheckLeaves(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leafHashes.Count);
        var path = new List<byte[]>();
        Path((int)index, 0, leafHashes.Count);
        return path;

        // PATH(m, D[start:end]): the sibling nearest the leaf is added first, so recurse before adding.
        void Path(int m, int start, int end)
        {
            var n = end - start;
            if (n == 1) return;
            var k = SplitPoint(n);
            if (m < k)
            {
                Path(m, start, start + k);
                path.Add(Subtree(leafHashes, start + k, end));
            }
            else
            {
                Path(m - k, start + k, end);
                path.Add(Subtree(leafHashes, start, start + k));
            }
        }
    }

    /// <summary>
    /// The consistency proof (RFC 9162 section 2.1.4.1) that the tree of the first <paramref name="oldSize"/> leaves is a
    /// prefix of this one. Empty when <paramref name="oldSize"/> is 0 or the whole tree: nothing needs proving.
    /// </summary>
    public static IReadOnlyList<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leafHashes, long oldSize)
    {
        CheckLeaves(leafHashes);
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, leafHashes.Count);
        var proof = new List<byte[]>();
        if (oldSize == 0 || oldSize == leafHashes.Count) return proof;
        SubProof((int)oldSize, 0, leafHashes.Count, complete: true);
        return proof;

        // SUBPROOF(m, D[start:end], b); b says the old tree is exactly this subtree, whose root the verifier already has.
        void SubProof(int m, int start, int end, bool complete)
        {
            var n = end - start;
            if (m == n)
            {
                if (!complete) proof.Add(Subtree(leafHashes, start, end));
                return;
            }
            var k = SplitPoint(n);
            if (m <= k)
            {
                SubProof(m, start, start + k, complete);
                proof.Add(Subtree(leafHashes, start + k, end));
            }
            else
            {
                SubProof(m - k, start + k, end, complete: false);
                proof.Add(Subtree(leafHashes, start, start + k));
            }
        }
    }

    /// <summary>Whether <paramref name="proof"/> shows the leaf at <paramref name="index"/> in the tree of <paramref name="size"/> leaves with <paramref name="root"/> (RFC 9162 section 2.1.3.2).</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size || leafHash.Length != HashSize || root.Length != HashSize || !AllHashes(proof)) return false;
        long fn = index, sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>
    /// Whether <paramref name="proof"/> shows that the tree of <paramref name="newSize"/> leaves with <paramref name="newRoot"/>
    /// extends the tree of <paramref name="oldSize"/> leaves with <paramref name="oldRoot"/> (RFC 9162 section 2.1.4.2). An
    /// empty old tree is extended by every tree, and a tree only by itself at the same size; both take an empty proof.
    /// </summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 0 || newSize < oldSize || oldRoot.Length != HashSize || newRoot.Length != HashSize || !AllHashes(proof)) return false;
        if (oldSize == 0) return proof.Count == 0 && oldRoot.SequenceEqual(SHA256.HashData(ReadOnlySpan<byte>.Empty));
        if (oldSize == newSize) return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        if (proof.Count == 0) return false;

        var path = new List<byte[]>(proof.Count + 1);
        if ((oldSize & (oldSize - 1)) == 0) path.Add(oldRoot.ToArray());
        path.AddRange(proof);
        long fn = oldSize - 1, sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(oldRoot) && sr.AsSpan().SequenceEqual(newRoot);
    }

    /// <summary>MTH(D[start:end]) for a non-empty range.</summary>
    private static byte[] Subtree(IReadOnlyList<byte[]> leaves, int start, int end)
    {
        var n = end - start;
        if (n == 1) return (byte[])leaves[start].Clone();
        var k = SplitPoint(n);
        return NodeHash(Subtree(leaves, start, start + k), Subtree(leaves, start + k, end));
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n &gt; 1).</summary>
    private static int SplitPoint(int n) => 1 << (31 - int.LeadingZeroCount(n - 1));

    private static void CheckLeaves(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        if (!AllHashes(leafHashes)) throw new ArgumentException($"every leaf hash must be {HashSize} bytes", nameof(leafHashes));
    }

    private static bool AllHashes(IReadOnlyList<byte[]> hashes) => hashes.All(h => h is { Length: HashSize });
}
