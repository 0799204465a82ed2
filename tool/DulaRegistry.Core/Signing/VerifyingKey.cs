using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace DulaRegistry.Signing;

/// <summary>An Ed25519 public key, read from or written as SPKI PEM ("PUBLIC KEY"), the form <c>openssl pkey -pubout</c> writes.</summary>
public sealed class VerifyingKey
{
    internal const string PublicLabel = "PUBLIC KEY";

    private const string NotAKey = "not an Ed25519 public key in PEM (SPKI) form; use the registry.pub.pem that `registry keygen` wrote, or make one from a private key with `openssl pkey -in registry.key.pem -pubout`";

    private readonly Ed25519PublicKeyParameters _key;
    private readonly byte[] _raw;

    private VerifyingKey(Ed25519PublicKeyParameters key)
    {
        _key = key;
        _raw = key.GetEncoded();
        Fingerprint = "SHA256:" + Convert.ToBase64String(SHA256.HashData(_raw));
    }

    /// <summary>The key as SPKI PEM.</summary>
    public string Pem => Signing.Pem.Write(PublicLabel, SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(_key).GetDerEncoded());

    /// <summary>The 32-byte public key (a copy).</summary>
    public byte[] Raw => (byte[])_raw.Clone();

    /// <summary>"SHA256:" and the base64 SHA-256 of <see cref="Raw"/>: what people compare to recognise the key.</summary>
    public string Fingerprint { get; }

    /// <summary>Reads an SPKI "PUBLIC KEY" PEM block holding an Ed25519 key.</summary>
    /// <exception cref="SigningKeyException">The text holds no such key.</exception>
    public static VerifyingKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var der = Signing.Pem.Find(pem, PublicLabel, out var labels);
        if (der is null)
        {
            if (labels.Contains(SigningKey.PrivateLabel))
            {
                // Said without quoting it: the user has put a secret where a public file belongs.
                throw new SigningKeyException($"this is a private key, which must stay secret; verification needs the public one: {NotAKey}");
            }
            throw new SigningKeyException(NotAKey);
        }
        try
        {
            return PublicKeyFactory.CreateKey(der) is Ed25519PublicKeyParameters key ? new VerifyingKey(key) : throw new SigningKeyException($"the key is of another kind, {NotAKey}");
        }
        catch (Exception ex) when (ex is not (SigningKeyException or OutOfMemoryException))
        {
            throw new SigningKeyException(NotAKey, ex);
        }
    }

    /// <summary>A key from its 32 raw bytes.</summary>
    /// <exception cref="SigningKeyException">Not 32 bytes, or not a point on the curve.</exception>
    public static VerifyingKey FromRaw(ReadOnlySpan<byte> publicKey32)
    {
        if (publicKey32.Length != Ed25519PublicKeyParameters.KeySize)
        {
            throw new SigningKeyException($"an Ed25519 public key is {Ed25519PublicKeyParameters.KeySize} bytes, not {publicKey32.Length}");
        }
        try
        {
            return new VerifyingKey(new Ed25519PublicKeyParameters(publicKey32));
        }
        catch (ArgumentException ex)
        {
            throw new SigningKeyException("these 32 bytes are not a valid Ed25519 public key", ex);
        }
    }

    /// <summary>Whether <paramref name="signature"/> is this key's Ed25519 signature of <paramref name="message"/>; false for a signature of the wrong length.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Ed25519PrivateKeyParameters.SignatureSize) return false;
        var verifier = new Ed25519Signer();
        verifier.Init(forSigning: false, _key);
        verifier.BlockUpdate(message);
        return verifier.VerifySignature(signature.ToArray());
    }

    public override string ToString() => $"Ed25519 public key {Fingerprint}";
}
