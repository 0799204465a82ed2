using System.Security.Cryptography;
using System.Text;
using DulaRegistry.Signing;

namespace DulaRegistry.Tests.Signing;

/// <summary>
/// The Merkle tree against the RFC 6962 test vectors published with transparency-dev/merkle (testonly/constants.go and
/// proof/verify_test.go, the vectors Certificate Transparency's implementations share), then exhaustively against itself.
/// </summary>
public class MerkleTreeTests
{
    private static readonly byte[][] s_leafInputs =
        new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }.Select(Convert.FromHexString).ToArray();

    /// <summary>Roots of the trees of the first 0..8 inputs.</summary>
    private static readonly string[] s_roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static byte[][] Leaves(int n) => s_leafInputs.Take(n).Select(l => MerkleTree.LeafHash(l)).ToArray();

    private static byte[] Root(int n) => Convert.FromHexString(s_roots[n]);

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    [Fact]
    public void Leaf_hashes_match_the_vectors()
    {
        Hex(MerkleTree.LeafHash(s_leafInputs[0])).ShouldBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        Hex(MerkleTree.LeafHash(s_leafInputs[7])).ShouldBe("46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");
        Hex(MerkleTree.NodeHash(MerkleTree.LeafHash(s_leafInputs[0]), MerkleTree.LeafHash(s_leafInputs[1])))
            .ShouldBe("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
    }

    [Fact]
    public void Roots_of_every_size_match_the_vectors()
    {
        for (var n = 0; n <= 8; n++) Hex(MerkleTree.Root(Leaves(n))).ShouldBe(s_roots[n], $"size {n}");
    }

    public static TheoryData<long, int, string[]> InclusionVectors => new()
    {
        { 0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        { 1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
        { 0, 1, [] },
    };

    [Theory, MemberData(nameof(InclusionVectors))]
    public void Inclusion_proofs_match_the_vectors_and_verify(long index, int size, string[] expected)
    {
        var leaves = Leaves(size);
        var proof = MerkleTree.InclusionProof(leaves, index);
        proof.Select(Hex).ShouldBe(expected);
        MerkleTree.VerifyInclusion(leaves[index], index, size, proof, Root(size)).ShouldBeTrue();
        // The vectors' corruptions (transparency-dev's corruptInclusionProof): every one must fail.
        foreach (var (i, n, leaf, p, root, what) in CorruptInclusion(index, size, proof, Root(size), leaves[index]))
        {
            MerkleTree.VerifyInclusion(leaf, i, n, p, root).ShouldBeFalse(what);
        }
    }

    public static TheoryData<int, int, string[]> ConsistencyVectors => new()
    {
        { 1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
        { 6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
    };

    [Theory, MemberData(nameof(ConsistencyVectors))]
    public void Consistency_proofs_match_the_vectors_and_verify(int oldSize, int newSize, string[] expected)
    {
        var proof = MerkleTree.ConsistencyProof(Leaves(newSize), oldSize);
        proof.Select(Hex).ShouldBe(expected);
        MerkleTree.VerifyConsistency(oldSize, newSize, Root(oldSize), Root(newSize), proof).ShouldBeTrue();
        foreach (var (m, n, r1, r2, p, what) in CorruptConsistency(oldSize, newSize, Root(oldSize), Root(newSize), proof))
        {
            MerkleTree.VerifyConsistency(m, n, r1, r2, p).ShouldBeFalse(what);
        }
    }

    [Fact]
    public void Trivial_consistency_needs_an_empty_proof_and_the_right_roots()
    {
        var empty = Root(0);
        MerkleTree.VerifyConsistency(0, 0, empty, empty, []).ShouldBeTrue();
        MerkleTree.VerifyConsistency(0, 5, empty, Root(5), []).ShouldBeTrue();
        MerkleTree.VerifyConsistency(0, 5, Root(1), Root(5), []).ShouldBeFalse("an empty log has the empty root");
        MerkleTree.VerifyConsistency(0, 1, empty, Root(1), [empty]).ShouldBeFalse("proof must be empty");
        MerkleTree.VerifyConsistency(3, 3, Root(3), Root(3), []).ShouldBeTrue();
        MerkleTree.VerifyConsistency(3, 3, Root(3), Root(4), []).ShouldBeFalse("same size, another root");
        MerkleTree.VerifyConsistency(1, 1, empty, empty, [empty]).ShouldBeFalse("same size takes no proof");
        MerkleTree.VerifyConsistency(2, 1, Root(2), Root(1), []).ShouldBeFalse("a log cannot shrink");
        MerkleTree.VerifyConsistency(1, 2, Root(1), Root(2), []).ShouldBeFalse("growth needs a proof");
        MerkleTree.ConsistencyProof(Leaves(5), 0).ShouldBeEmpty();
        MerkleTree.ConsistencyProof(Leaves(5), 5).ShouldBeEmpty();
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleTree.InclusionProof(Leaves(3), 3));
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleTree.InclusionProof(Leaves(3), -1));
        Should.Throw<ArgumentOutOfRangeException>(() => MerkleTree.ConsistencyProof(Leaves(3), 4));
        Should.Throw<ArgumentException>(() => MerkleTree.Root([new byte[31]]));
        MerkleTree.VerifyInclusion(new byte[32], 0, 0, [], Root(0)).ShouldBeFalse("an empty tree includes nothing");
        MerkleTree.VerifyInclusion(Leaves(1)[0], 0, 1, [], Root(1)).ShouldBeTrue();
        MerkleTree.VerifyInclusion(Leaves(1)[0], 0, 1, [], new byte[31]).ShouldBeFalse();
    }

    /// <summary>
    /// For every size up to 64: every inclusion proof verifies and every consistency proof m &lt; n verifies; a flipped bit
    /// in any hash, a wrong index or a wrong size makes each fail.
    /// </summary>
    [Fact]
    public void Every_proof_of_trees_up_to_64_leaves_verifies_and_every_corruption_fails()
    {
        var all = Enumerable.Range(0, 64).Select(i => MerkleTree.LeafHash(Encoding.UTF8.GetBytes($"leaf {i}"))).ToArray();
        var roots = Enumerable.Range(0, 65).Select(n => MerkleTree.Root(all[..n])).ToArray();
        for (var n = 1; n <= 64; n++)
        {
            var leaves = all[..n];
            for (var i = 0; i < n; i++)
            {
                var proof = MerkleTree.InclusionProof(leaves, i);
                MerkleTree.VerifyInclusion(leaves[i], i, n, proof, roots[n]).ShouldBeTrue($"inclusion {i} in {n}");
                for (var k = 0; k < proof.Count; k++)
                {
                    MerkleTree.VerifyInclusion(leaves[i], i, n, Flip(proof, k), roots[n]).ShouldBeFalse($"flipped hash {k} of inclusion {i} in {n}");
                }
                if (n > 1) MerkleTree.VerifyInclusion(leaves[i], (i + 1) % n, n, proof, roots[n]).ShouldBeFalse($"wrong index for {i} in {n}");
                // The size is what the signed checkpoint claims, with its root: a proof for n leaves fails under any other.
                if (n < 64) MerkleTree.VerifyInclusion(leaves[i], i, n + 1, proof, roots[n + 1]).ShouldBeFalse($"size n+1 for {i} in {n}");
                if (i < n - 1) MerkleTree.VerifyInclusion(leaves[i], i, n - 1, proof, roots[n - 1]).ShouldBeFalse($"size n-1 for {i} in {n}");
                MerkleTree.VerifyInclusion(Flip([leaves[i]], 0)[0], i, n, proof, roots[n]).ShouldBeFalse($"another leaf at {i} in {n}");
            }
            for (var m = 1; m < n; m++)
            {
                var proof = MerkleTree.ConsistencyProof(leaves, m);
                MerkleTree.VerifyConsistency(m, n, roots[m], roots[n], proof).ShouldBeTrue($"consistency {m} to {n}");
                for (var k = 0; k < proof.Count; k++)
                {
                    MerkleTree.VerifyConsistency(m, n, roots[m], roots[n], Flip(proof, k)).ShouldBeFalse($"flipped hash {k} of consistency {m} to {n}");
                }
                MerkleTree.VerifyConsistency(m + 1, n, roots[m + 1], roots[n], proof).ShouldBeFalse($"wrong old size {m}+1 to {n}");
                if (n < 64) MerkleTree.VerifyConsistency(m, n + 1, roots[m], roots[n + 1], proof).ShouldBeFalse($"wrong new size {m} to {n}+1");
                MerkleTree.VerifyConsistency(m, n, roots[m], Flip([roots[n]], 0)[0], proof).ShouldBeFalse($"altered new root {m} to {n}");
            }
        }
    }

    [Fact]
    public void An_altered_dropped_or_reordered_entry_breaks_consistency_with_the_old_log()
    {
        var entries = Enumerable.Range(0, 6).Select(i => MerkleTree.LeafHash(Encoding.UTF8.GetBytes($"agreement {i}"))).ToArray();
        var oldRoot = MerkleTree.Root(entries[..4]);
        byte[][] altered = [.. entries];
        altered[2] = MerkleTree.LeafHash("agreement 2, edited"u8);
        byte[][] swapped = [entries[0], entries[2], entries[1], .. entries[3..]];
        byte[][] dropped = [entries[0], .. entries[2..]];
        foreach (var (log, what) in new[] { (altered, "altered"), (swapped, "swapped"), (dropped, "dropped") })
        {
            MerkleTree.VerifyConsistency(4, log.Length, oldRoot, MerkleTree.Root(log), MerkleTree.ConsistencyProof(log, 4)).ShouldBeFalse(what);
        }
        MerkleTree.VerifyConsistency(4, 6, oldRoot, MerkleTree.Root(entries), MerkleTree.ConsistencyProof(entries, 4)).ShouldBeTrue();
    }

    private static byte[][] Flip(IReadOnlyList<byte[]> hashes, int k)
    {
        var copy = hashes.Select(h => (byte[])h.Clone()).ToArray();
        copy[k][0] ^= 1;
        return copy;
    }

    private static IEnumerable<(long, long, byte[], byte[][], byte[], string)> CorruptInclusion(long index, long size, IReadOnlyList<byte[]> proof, byte[] root, byte[] leaf)
    {
        var p = proof.ToArray();
        var some = Convert.FromHexString("abacaba000000000000000000000000000000000000000000060061e00123456");
        yield return (index - 1, size, leaf, p, root, "index - 1");
        yield return (index + 1, size, leaf, p, root, "index + 1");
        yield return (index ^ 2, size, leaf, p, root, "index ^ 2");
        yield return (index, size * 2, leaf, p, root, "size * 2");
        yield return (index, size / 2, leaf, p, root, "size / 2");
        yield return (index, size, SHA256.HashData("WrongLeaf"u8), p, root, "wrong leaf");
        yield return (index, size, leaf, p, Root(0), "empty root");
        yield return (index, size, leaf, p, some, "random root");
        yield return (index, size, leaf, [.. p, root], root, "trailing root");
        yield return (index, size, leaf, [root, .. p], root, "preceding root");
        yield return (index, size, leaf, [.. p, []], root, "trailing garbage");
        for (var i = 0; i < p.Length; i++) yield return (index, size, leaf, Flip(p, i), root, $"flipped proof[{i}]");
        if (p.Length > 0) yield return (index, size, leaf, p[..^1], root, "removed component");
        if (p.Length > 1) yield return (index, size, leaf, [p[0], some, .. p[1..]], root, "inserted component");
    }

    private static IEnumerable<(long, long, byte[], byte[], byte[][], string)> CorruptConsistency(long m, long n, byte[] r1, byte[] r2, IReadOnlyList<byte[]> proof)
    {
        var p = proof.ToArray();
        yield return (m - 1, n, r1, r2, p, "size1 - 1");
        yield return (m + 1, n, r1, r2, p, "size1 + 1");
        yield return (m ^ 2, n, r1, r2, p, "size1 ^ 2");
        yield return (m, n * 2, r1, r2, p, "size2 * 2");
        yield return (m, n / 2, r1, r2, p, "size2 / 2");
        yield return (m, n, SHA256.HashData("WrongRoot"u8), r2, p, "wrong root1");
        yield return (m, n, r1, SHA256.HashData("WrongRoot"u8), p, "wrong root2");
        yield return (m, n, r2, r1, p, "swapped roots");
        yield return (m, n, r1, r2, [], "empty proof");
        yield return (m, n, r1, r2, [.. p, r1], "trailing root1");
        yield return (m, n, r1, r2, [.. p, r2], "trailing root2");
        yield return (m, n, r1, r2, [r1, .. p], "preceding root1");
        yield return (m, n, r1, r2, [r2, .. p], "preceding root2");
        yield return (m, n, r1, r2, [p[0], .. p], "preceding proof[0]");
        yield return (m, n, r1, r2, p[..^1], "truncated proof");
        for (var i = 0; i < p.Length; i++) yield return (m, n, r1, r2, Flip(p, i), $"flipped proof[{i}]");
    }
}
