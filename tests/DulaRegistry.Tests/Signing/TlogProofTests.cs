using DulaRegistry.Signing;

namespace DulaRegistry.Tests.Signing;

/// <summary>c2sp.org/tlog-proof@v1: the exact text, round trips, the spec's example, and malformed files.</summary>
public class TlogProofTests
{
    private const string Checkpoint = "example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n\n— example.com/fancylog hI2DJwAAAA==\n";

    private static readonly byte[][] s_path = [new byte[32], Enumerable.Repeat((byte)0xff, 32).ToArray()];

    [Fact]
    public void Format_is_header_index_hashes_blank_line_checkpoint()
    {
        new TlogProof(73894, s_path, Checkpoint).Format().ShouldBe(
            "c2sp.org/tlog-proof@v1\nindex 73894\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n//////////////////////////////////////////8=\n\n" + Checkpoint);
    }

    [Fact]
    public void Round_trips_with_and_without_a_path()
    {
        var proof = new TlogProof(5, s_path, Checkpoint);
        TlogProof.Parse(proof.Format()).ShouldBe(proof);
        var single = new TlogProof(0, [], Checkpoint);
        single.Format().ShouldBe("c2sp.org/tlog-proof@v1\nindex 0\n\n" + Checkpoint);
        TlogProof.Parse(single.Format()).ShouldBe(single);
    }

    [Fact]
    public void The_specs_example_with_an_extra_line_parses()
    {
        const string Example = "c2sp.org/tlog-proof@v1\nextra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6\nindex 73894\n"
            + "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\nB95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=\nEKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=\n"
            + "RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=\nAHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=\n\n" + Checkpoint;
        var proof = TlogProof.Parse(Example);
        proof.Index.ShouldBe(73894);
        proof.Path.Count.ShouldBe(5);
        Convert.ToBase64String(proof.Path[4]).ShouldBe("AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=");
        proof.CheckpointNote.ShouldBe(Checkpoint);
    }

    [Theory]
    [InlineData("c2sp.org/tlog-proof@v2\nindex 0\n\n" + Checkpoint, 1)]
    [InlineData("c2sp.org/tlog-proof@v1\n\n\n" + Checkpoint, 2)]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 01\n\n" + Checkpoint, 2)]
    [InlineData("c2sp.org/tlog-proof@v1\nindex -5\n\n" + Checkpoint, 2)]
    [InlineData("c2sp.org/tlog-proof@v1\nindex notanumber\n\n" + Checkpoint, 2)]
    [InlineData("c2sp.org/tlog-proof@v1\nextra !!notbase64!!\nindex 0\n\n" + Checkpoint, 2)]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 0\n!!notbase64!!\n\n" + Checkpoint, 3)]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n\n" + Checkpoint, 3)]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", 5)]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 0\n\nexample.com/fancylog\n1\n", 4)]
    [InlineData("c2sp.org/tlog-proof@v1\nindex 0", 3)]
    public void Malformed_proofs_are_refused_with_the_line(string text, int line)
    {
        var error = Should.Throw<TlogProofException>(() => TlogProof.Parse(text));
        error.Message.ShouldNotBeNullOrWhiteSpace();
        if (line > 0) error.Line.ShouldBe(line);
    }

    [Fact]
    public void A_proof_from_published_parts_verifies_end_to_end()
    {
        var key = SigningKey.Generate();
        var leaves = Enumerable.Range(0, 5).Select(i => MerkleTree.LeafHash(System.Text.Encoding.UTF8.GetBytes($"entry {i}"))).ToArray();
        var note = SignedNote.Sign(new DulaRegistry.Signing.Checkpoint("example.org/log", 5, MerkleTree.Root(leaves)).Body, "example.org/log", key);
        var text = new TlogProof(3, MerkleTree.InclusionProof(leaves, 3), note).Format();

        var proof = TlogProof.Parse(text);
        var checkpoint = DulaRegistry.Signing.Checkpoint.ParseBody(SignedNote.VerifiedBody(proof.CheckpointNote, "example.org/log", key.Public)!);
        MerkleTree.VerifyInclusion(MerkleTree.LeafHash("entry 3"u8), proof.Index, checkpoint.Size, proof.Path, checkpoint.Root).ShouldBeTrue();
        MerkleTree.VerifyInclusion(MerkleTree.LeafHash("entry 2"u8), proof.Index, checkpoint.Size, proof.Path, checkpoint.Root).ShouldBeFalse("a proof for another file");
        SignedNote.VerifiedBody(proof.CheckpointNote.Replace("\n5\n", "\n6\n", StringComparison.Ordinal), "example.org/log", key.Public).ShouldBeNull("an altered checkpoint");
    }
}
