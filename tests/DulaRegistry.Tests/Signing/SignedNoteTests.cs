using DulaRegistry.Signing;

namespace DulaRegistry.Tests.Signing;

/// <summary>Signed notes against the vectors of Go's golang.org/x/mod/sumdb/note (note_test.go): key IDs, signature lines, verification.</summary>
public class SignedNoteTests
{
    private const string Text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string PeterSig = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    private const string EnochSig = "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    /// <summary>Go's keys are base64 of the algorithm byte (1, Ed25519) and the 32-byte seed or public key.</summary>
    private static SigningKey Peter()
    {
        var seed = Convert.FromBase64String("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")[1..];
        var pkcs8 = Convert.FromHexString("302e020100300506032b657004220420").Concat(seed).ToArray();
        return SigningKey.FromPem($"-----BEGIN PRIVATE KEY-----\n{Convert.ToBase64String(pkcs8)}\n-----END PRIVATE KEY-----\n");
    }

    private static VerifyingKey PeterPublic() => VerifyingKey.FromRaw(Convert.FromBase64String("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").AsSpan(1));

    private static VerifyingKey EnochPublic() => VerifyingKey.FromRaw(Convert.FromBase64String("ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop").AsSpan(1));

    [Fact]
    public void Key_ids_match_go()
    {
        Convert.ToHexStringLower(SignedNote.KeyId("PeterNeumann", PeterPublic())).ShouldBe("c74f20a3");
        Convert.ToHexStringLower(SignedNote.KeyId("EnochRoot", EnochPublic())).ShouldBe("af0cfe78");
        Peter().Public.Raw.ShouldBe(PeterPublic().Raw);
    }

    [Fact]
    public void Signing_gives_gos_note_byte_for_byte()
    {
        SignedNote.Sign(Text, "PeterNeumann", Peter()).ShouldBe(Text + "\n" + PeterSig);
    }

    [Fact]
    public void Gos_note_verifies_and_unknown_key_lines_are_ignored()
    {
        SignedNote.VerifiedBody(Text + "\n" + PeterSig, "PeterNeumann", PeterPublic()).ShouldBe(Text);
        // Two keys sign during a rotation: either verifies it, and the other's line is ignored.
        var both = Text + "\n" + PeterSig + EnochSig;
        SignedNote.VerifiedBody(both, "PeterNeumann", PeterPublic()).ShouldBe(Text);
        SignedNote.VerifiedBody(both, "EnochRoot", EnochPublic()).ShouldBe(Text);
        SignedNote.VerifiedBody(Text + "\n" + EnochSig, "PeterNeumann", PeterPublic()).ShouldBeNull("no line by the key");
    }

    [Fact]
    public void Tampering_a_wrong_key_or_a_wrong_name_fails()
    {
        SignedNote.VerifiedBody(Text.Replace("answer", "Answer", StringComparison.Ordinal) + "\n" + PeterSig, "PeterNeumann", PeterPublic()).ShouldBeNull("tampered text");
        SignedNote.VerifiedBody(Text + "\n" + PeterSig, "PeterNeumann", EnochPublic()).ShouldBeNull("wrong key");
        SignedNote.VerifiedBody(Text + "\n" + PeterSig, "EnochRoot", PeterPublic()).ShouldBeNull("wrong name");
        // Go's "invalid signature" vector: a known key's line that fails rejects the note, even beside a good one.
        SignedNote.VerifiedBody(Text + "\n" + PeterSig[..60] + "ABCD" + PeterSig[60..], "PeterNeumann", PeterPublic()).ShouldBeNull("corrupt signature");
        SignedNote.VerifiedBody(Text + "\n" + PeterSig + PeterSig[..60] + "ABCD" + PeterSig[60..], "PeterNeumann", PeterPublic()).ShouldBeNull("a good and a bad line by the key");
    }

    [Theory]
    [InlineData(Text)]
    [InlineData(Text + "\n")]
    [InlineData(Text + "\n" + "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=")]
    [InlineData("\u0001" + Text + "\n" + PeterSig)]
    [InlineData(Text + "\n" + "— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData(Text + "\n" + PeterSig + "Unexpected line.\n")]
    public void Malformed_notes_from_gos_tests_do_not_verify(string note)
    {
        SignedNote.VerifiedBody(note, "PeterNeumann", PeterPublic()).ShouldBeNull();
    }

    [Fact]
    public void A_second_signature_is_added_for_a_rotation_and_replaces_its_own_old_line()
    {
        var oldKey = SigningKey.Generate();
        var newKey = SigningKey.Generate();
        const string Body = "example.org/dula-log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
        var note = SignedNote.AddSignature(SignedNote.Sign(Body, "example.org/dula-log", oldKey), "example.org/dula-log", newKey);
        note.Split('\n').Count(l => l.StartsWith('—')).ShouldBe(2);
        SignedNote.VerifiedBody(note, "example.org/dula-log", oldKey.Public).ShouldBe(Body);
        SignedNote.VerifiedBody(note, "example.org/dula-log", newKey.Public).ShouldBe(Body);
        SignedNote.VerifiedBody(note, "example.org/dula-log", SigningKey.Generate().Public).ShouldBeNull();
        SignedNote.AddSignature(note, "example.org/dula-log", newKey).ShouldBe(note, "the same key's line is not repeated");
        SignedNote.AddSignature(Text + "\n" + "— PeterNeumann BADSIGN=\n".Replace("BADSIGN=", PeterSig[15..^1][..60] + "ABCD" + PeterSig[15..^1][64..], StringComparison.Ordinal), "PeterNeumann", Peter())
            .ShouldBe(Text + "\n" + PeterSig, "Go's vector: an existing line of the key is replaced");
    }

    [Fact]
    public void Text_that_cannot_be_a_note_is_refused()
    {
        var key = SigningKey.Generate();
        Should.Throw<SignedNoteException>(() => SignedNote.Sign("abc", "name", key));
        Should.Throw<SignedNoteException>(() => SignedNote.Sign("", "name", key));
        Should.Throw<SignedNoteException>(() => SignedNote.Sign("a\tb\n", "name", key));
        Should.Throw<SignedNoteException>(() => SignedNote.Sign(Text, "a+b", key));
        Should.Throw<SignedNoteException>(() => SignedNote.Sign(Text, "a b", key));
        Should.Throw<SignedNoteException>(() => SignedNote.AddSignature(Text, "name", key));
    }
}
