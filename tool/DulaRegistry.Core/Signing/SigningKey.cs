using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace DulaRegistry.Signing;

/// <summary>
/// An Ed25519 private key (RFC 8032) read from or written as PKCS#8 PEM, the form <c>openssl genpkey -algorithm ed25519</c>
/// writes. The signing itself is BouncyCastle's; this class only moves bytes in and out.
/// </summary>
public sealed class SigningKey
{
    internal const string PrivateLabel = "PRIVATE KEY";

    private const string NotAKey = "not an Ed25519 private key in PEM (PKCS#8) form; make one with `registry keygen` or `openssl genpkey -algorithm ed25519`";

    private readonly Ed25519PrivateKeyParameters _key;

    private SigningKey(Ed25519PrivateKeyParameters key)
    {
        _key = key;
        Public = VerifyingKey.FromRaw(key.GeneratePublicKey().GetEncoded());
    }

    /// <summary>The key's public half, to publish and to verify with.</summary>
    public VerifyingKey Public { get; }

    /// <summary>
    /// The key as PKCS#8 PEM ("PRIVATE KEY"): version 0 with the 32-byte seed only, byte for byte what OpenSSL writes, so
    /// that any tool that reads OpenSSL's keys reads ours.
    /// </summary>
    public string PrivatePem
    {
        get
        {
            var info = new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new DerOctetString(_key.GetEncoded()));
            return Pem.Write(PrivateLabel, info.GetEncoded(Asn1Encodable.Der));
        }
    }

    /// <summary>A new key from the system's cryptographic random number generator.</summary>
    public static SigningKey Generate() => new(new Ed25519PrivateKeyParameters(new SecureRandom()));

    /// <summary>Reads a PKCS#8 "PRIVATE KEY" PEM block holding an Ed25519 key.</summary>
    /// <exception cref="SigningKeyException">The text holds no such key; the message says what to do and never quotes the text.</exception>
    public static SigningKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var der = Pem.Find(pem, PrivateLabel, out var labels);
        if (der is null)
        {
            if (labels.Contains("ENCRYPTED PRIVATE KEY"))
            {
                throw new SigningKeyException($"the key is encrypted with a passphrase, which the registry cannot use; {NotAKey} (an unencrypted one: keep it in a secret store instead)");
            }
            if (labels.Contains(VerifyingKey.PublicLabel))
            {
                throw new SigningKeyException($"this is a public key, and signing needs the private one: {NotAKey}");
            }
            throw new SigningKeyException(NotAKey);
        }
        try
        {
            var info = PrivateKeyInfo.GetInstance(der);
            if (!EdECObjectIdentifiers.id_Ed25519.Equals(info.PrivateKeyAlgorithm.Algorithm))
            {
                throw new SigningKeyException($"the key is of another kind (algorithm {info.PrivateKeyAlgorithm.Algorithm.Id}), {NotAKey}");
            }
            return PrivateKeyFactory.CreateKey(info) is Ed25519PrivateKeyParameters key ? new SigningKey(key) : throw new SigningKeyException(NotAKey);
        }
        catch (Exception ex) when (ex is not (SigningKeyException or OutOfMemoryException))
        {
            // BouncyCastle's messages may describe the bytes; ours does not.
            throw new SigningKeyException(NotAKey, ex);
        }
    }

    /// <summary>The 64-byte Ed25519 signature of <paramref name="message"/> (deterministic: the same bytes each time).</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519Signer();
        signer.Init(forSigning: true, _key);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    /// <summary>Names the key by its public fingerprint; never shows the key.</summary>
    public override string ToString() => $"Ed25519 signing key {Public.Fingerprint}";
}
