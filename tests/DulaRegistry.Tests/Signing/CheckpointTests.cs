using DulaRegistry.Signing;

namespace DulaRegistry.Tests.Signing;

/// <summary>The checkpoint body of c2sp.org/tlog-checkpoint, and a signed checkpoint whose key ID is computed independently.</summary>
public class CheckpointTests
{
    private static readonly byte[] s_root = Convert.FromHexString("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    [Fact]
    public void Body_is_three_lines_and_parses_back()
    {
        var checkpoint = new Checkpoint("github.com/org/repo/dula-log", 8, s_root);
        checkpoint.Body.ShouldBe("github.com/org/repo/dula-log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n");
        Checkpoint.ParseBody(checkpoint.Body).ShouldBe(checkpoint);
        Checkpoint.ParseBody(checkpoint.Body + "extension line\n").ShouldBe(checkpoint);
    }

    [Theory]
    [InlineData("origin\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=", 0)]
    [InlineData("origin\n8\n", 3)]
    [InlineData("\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", 1)]
    [InlineData("origin\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", 2)]
    [InlineData("origin\n-1\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", 2)]
    [InlineData("origin\n99999999999999999999\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", 2)]
    [InlineData("origin\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQy=\n", 3)]
    [InlineData("origin\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg\n", 3)]
    [InlineData("origin\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n", 4)]
    public void Malformed_bodies_are_refused_with_the_line(string body, int line)
    {
        var error = Should.Throw<CheckpointException>(() => Checkpoint.ParseBody(body));
        error.Line.ShouldBe(line);
        error.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_signed_checkpoint_carries_the_key_id_computed_independently()
    {
        var key = SigningKey.Generate();
        const string Origin = "github.com/org/repo/dula-log";
        var body = new Checkpoint(Origin, 8, s_root).Body;
        var note = SignedNote.Sign(body, Origin, key);
        var lines = note.Split('\n');
        lines[3].ShouldBe("");
        lines[4].ShouldStartWith("\u2014 " + Origin + " ");
        var signature = Convert.FromBase64String(lines[4][(Origin.Length + 3)..]);
        signature.Length.ShouldBe(68);
        // SHA-256(origin || 0x0A || 0x01 || key)[:4], written out by hand here rather than through KeyId.
        byte[] keyIdInput = [.. System.Text.Encoding.UTF8.GetBytes(Origin), 0x0A, 0x01, .. key.Public.Raw];
        signature[..4].ShouldBe(System.Security.Cryptography.SHA256.HashData(keyIdInput)[..4]);
        key.Public.Verify(System.Text.Encoding.UTF8.GetBytes(body), signature.AsSpan(4)).ShouldBeTrue("the signed message is the body exactly");
        Checkpoint.ParseBody(SignedNote.VerifiedBody(note, Origin, key.Public)!).Size.ShouldBe(8);
    }
}
