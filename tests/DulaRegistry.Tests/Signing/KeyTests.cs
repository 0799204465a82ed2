using DulaRegistry.Signing;

namespace DulaRegistry.Tests.Signing;

/// <summary>Ed25519 keys: PEM in and out, signatures, plain errors that never echo a key, and OpenSSL agreeing both ways.</summary>
public sealed class KeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dula-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void A_generated_key_signs_and_its_public_half_verifies()
    {
        var key = SigningKey.Generate();
        var signature = key.Sign("hello"u8);
        signature.Length.ShouldBe(64);
        key.Public.Verify("hello"u8, signature).ShouldBeTrue();
        key.Public.Verify("hellp"u8, signature).ShouldBeFalse("another message");
        key.Public.Verify("hello"u8, signature.AsSpan(0, 63)).ShouldBeFalse("a truncated signature");
        signature[10] ^= 1;
        key.Public.Verify("hello"u8, signature).ShouldBeFalse("a flipped bit");
        SigningKey.Generate().Public.Verify("hello"u8, key.Sign("hello"u8)).ShouldBeFalse("another key");
    }

    [Fact]
    public void Pem_round_trips_and_has_openssl_form()
    {
        var key = SigningKey.Generate();
        key.PrivatePem.ShouldStartWith("-----BEGIN PRIVATE KEY-----\n");
        key.PrivatePem.ShouldEndWith("-----END PRIVATE KEY-----\n");
        key.Public.Pem.ShouldStartWith("-----BEGIN PUBLIC KEY-----\n");
        var again = SigningKey.FromPem(key.PrivatePem);
        again.Public.Raw.ShouldBe(key.Public.Raw);
        again.Sign("x"u8).ShouldBe(key.Sign("x"u8));
        VerifyingKey.FromPem(key.Public.Pem).Raw.ShouldBe(key.Public.Raw);
        VerifyingKey.FromRaw(key.Public.Raw).Fingerprint.ShouldBe(key.Public.Fingerprint);
        key.Public.Fingerprint.ShouldStartWith("SHA256:");
        Convert.FromBase64String(key.Public.Fingerprint["SHA256:".Length..]).Length.ShouldBe(32);
    }

    [Fact]
    public void ToString_names_the_fingerprint_and_never_the_key()
    {
        var key = SigningKey.Generate();
        var text = key.ToString();
        text.ShouldBe($"Ed25519 signing key {key.Public.Fingerprint}");
        var body = key.PrivatePem.Split('\n')[1];
        text.ShouldNotContain(body[..20]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key at all")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nsecretsecretsecret!!\n-----END PRIVATE KEY-----\n")]
    public void A_malformed_private_key_gets_a_plain_message_without_the_text(string pem)
    {
        var error = Should.Throw<SigningKeyException>(() => SigningKey.FromPem(pem));
        error.Message.ShouldBe("not an Ed25519 private key in PEM (PKCS#8) form; make one with `registry keygen` or `openssl genpkey -algorithm ed25519`");
    }

    [Fact]
    public void Other_keys_in_the_private_key_slot_are_named_and_not_echoed()
    {
        var publicPem = SigningKey.Generate().Public.Pem;
        var error = Should.Throw<SigningKeyException>(() => SigningKey.FromPem(publicPem));
        error.Message.ShouldContain("public key");
        error.Message.ShouldNotContain(publicPem.Split('\n')[1]);

        OpenSsl.Run("genpkey", "-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", PathOf("ec.pem")).Exit.ShouldBe(0);
        var ec = File.ReadAllText(PathOf("ec.pem"));
        var ecError = Should.Throw<SigningKeyException>(() => SigningKey.FromPem(ec));
        ecError.Message.ShouldContain("another kind");
        ecError.Message.ShouldNotContain(ec.Split('\n')[1]);

        OpenSsl.Run("genpkey", "-algorithm", "ed25519", "-aes256", "-pass", "pass:secret", "-out", PathOf("enc.pem")).Exit.ShouldBe(0);
        Should.Throw<SigningKeyException>(() => SigningKey.FromPem(File.ReadAllText(PathOf("enc.pem")))).Message.ShouldContain("encrypted");
    }

    [Fact]
    public void A_private_key_in_the_public_key_slot_is_refused_without_echoing_it()
    {
        var key = SigningKey.Generate();
        var error = Should.Throw<SigningKeyException>(() => VerifyingKey.FromPem(key.PrivatePem));
        error.Message.ShouldContain("private key");
        error.Message.ShouldNotContain(key.PrivatePem.Split('\n')[1]);
        Should.Throw<SigningKeyException>(() => VerifyingKey.FromPem("junk")).Message.ShouldStartWith("not an Ed25519 public key in PEM (SPKI) form");
        Should.Throw<SigningKeyException>(() => VerifyingKey.FromRaw(new byte[31]));
    }

    [Fact]
    public void A_key_made_by_openssl_loads_and_openssl_verifies_our_signature()
    {
        OpenSsl.Run("genpkey", "-algorithm", "ed25519", "-out", PathOf("key.pem")).Exit.ShouldBe(0);
        OpenSsl.Run("pkey", "-in", PathOf("key.pem"), "-pubout", "-out", PathOf("pub.pem")).Exit.ShouldBe(0);
        var key = SigningKey.FromPem(File.ReadAllText(PathOf("key.pem")));
        // Our PEM of the key is byte for byte OpenSSL's, private and public.
        key.PrivatePem.ShouldBe(File.ReadAllText(PathOf("key.pem")));
        key.Public.Pem.ShouldBe(File.ReadAllText(PathOf("pub.pem")));

        var message = "registry.json bytes\n{\"a\":1}\n"u8.ToArray();
        File.WriteAllBytes(PathOf("msg"), message);
        File.WriteAllBytes(PathOf("sig"), key.Sign(message));
        OpenSsl.Verifies(PathOf("pub.pem"), PathOf("msg"), PathOf("sig")).ShouldBeTrue();

        File.WriteAllBytes(PathOf("msg"), [.. message, 0x20]);
        OpenSsl.Verifies(PathOf("pub.pem"), PathOf("msg"), PathOf("sig")).ShouldBeFalse("OpenSSL must reject a changed message, or this test proves nothing");
    }

    [Fact]
    public void A_signature_made_by_openssl_verifies_with_our_key()
    {
        var key = SigningKey.Generate();
        File.WriteAllText(PathOf("key.pem"), key.PrivatePem);
        File.WriteAllBytes(PathOf("msg"), "signed by openssl\n"u8.ToArray());
        var (exit, output) = OpenSsl.Run("pkeyutl", "-sign", "-inkey", PathOf("key.pem"), "-rawin", "-in", PathOf("msg"), "-out", PathOf("sig"));
        exit.ShouldBe(0, output);
        var signature = File.ReadAllBytes(PathOf("sig"));
        var publicKey = VerifyingKey.FromPem(key.Public.Pem);
        publicKey.Verify("signed by openssl\n"u8, signature).ShouldBeTrue();
        publicKey.Verify("signed by openssl!"u8, signature).ShouldBeFalse();
        signature.ShouldBe(key.Sign("signed by openssl\n"u8), "Ed25519 is deterministic: both libraries make the same signature");
    }
}
