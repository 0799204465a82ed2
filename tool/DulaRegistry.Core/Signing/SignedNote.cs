using System.Security.Cryptography;
using System.Text;

namespace DulaRegistry.Signing;

/// <summary>
/// C2SP signed notes (c2sp.org/signed-note), the format of Go's checksum database and of tlog checkpoints: a text ending
/// in a newline, a blank line, then one line per signature, "— &lt;key name&gt; base64(key ID || Ed25519 signature)".
/// </summary>
public static class SignedNote
{
    /// <summary>The signature-type byte of Ed25519 in the key ID.</summary>
    private const byte Ed25519Type = 0x01;

    /// <summary>The first characters of a signature line: an em dash (U+2014) and a space.</summary>
    private const string LinePrefix = "\u2014 ";

    /// <summary>More signature lines than this make the note malformed (Go's limit; the format asks verifiers for a limit).</summary>
    private const int MaxSignatures = 100;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>SHA-256(name || 0x0A || 0x01 || 32-byte public key)[:4]: names the key in a signature line.</summary>
    public static byte[] KeyId(string keyName, VerifyingKey key)
    {
        ArgumentNullException.ThrowIfNull(keyName);
        ArgumentNullException.ThrowIfNull(key);
        var input = new List<byte>(s_utf8.GetBytes(keyName)) { 0x0A, Ed25519Type };
        input.AddRange(key.Raw);
        return SHA256.HashData(input.ToArray())[..4];
    }

    /// <summary>The signed note: <paramref name="body"/>, a blank line and one signature line by <paramref name="key"/>.</summary>
    /// <exception cref="SignedNoteException">The body or the name cannot be part of a note.</exception>
    public static string Sign(string body, string keyName, SigningKey key)
    {
        CheckText(body);
        CheckName(keyName);
        ArgumentNullException.ThrowIfNull(key);
        return body + "\n" + SignatureLine(body, keyName, key);
    }

    /// <summary>
    /// The note's text when a signature line by <paramref name="keyName"/> with <paramref name="key"/>'s key ID verifies;
    /// null when none does, when one of them fails, or when the note is malformed. Lines by other keys are ignored, so a
    /// note signed by an old and a new key (during a key rotation) verifies under either.
    /// </summary>
    public static string? VerifiedBody(string note, string keyName, VerifyingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (note is null || keyName is null || !TryParse(note, out var body, out var signatures)) return null;
        var id = KeyId(keyName, key);
        var message = s_utf8.GetBytes(body);
        var verified = false;
        foreach (var (name, bytes, _) in signatures)
        {
            if (name != keyName || !bytes.AsSpan(0, 4).SequenceEqual(id)) continue;
            // A line of a known key that fails makes the whole note suspect (signed-note: clients SHOULD reject it).
            if (!key.Verify(message, bytes.AsSpan(4))) return null;
            verified = true;
        }
        return verified ? body : null;
    }

    /// <summary>
    /// The note with one more signature line, by <paramref name="key"/>: during a key rotation a checkpoint carries the
    /// old key's line and the new key's. A line this key made before is replaced.
    /// </summary>
    /// <exception cref="SignedNoteException">The note is malformed.</exception>
    public static string AddSignature(string note, string keyName, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(note);
        CheckName(keyName);
        ArgumentNullException.ThrowIfNull(key);
        if (!TryParse(note, out var body, out var signatures)) throw new SignedNoteException("the note is not a signed note (text, a blank line, then signature lines beginning with '— '), so no signature can be added");
        // As Go's note.Sign does, a line this key made before is replaced, not repeated.
        var id = KeyId(keyName, key.Public);
        var kept = signatures.Where(s => s.Name != keyName || !s.Bytes.AsSpan(0, 4).SequenceEqual(id)).Select(s => s.Line + "\n");
        return body + "\n" + string.Concat(kept) + SignatureLine(body, keyName, key);
    }

    private static string SignatureLine(string body, string keyName, SigningKey key)
    {
        var signature = key.Sign(s_utf8.GetBytes(body));
        var bytes = new byte[4 + signature.Length];
        KeyId(keyName, key.Public).CopyTo(bytes, 0);
        signature.CopyTo(bytes, 4);
        return $"{LinePrefix}{keyName} {Convert.ToBase64String(bytes)}\n";
    }

    /// <summary>Splits a note at its last blank line into the text and its signatures (name, key ID || signature).</summary>
    private static bool TryParse(string note, out string body, out List<(string Name, byte[] Bytes, string Line)> signatures)
    {
        body = "";
        signatures = [];
        if (!ValidCharacters(note) || !note.EndsWith('\n')) return false;
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0) return false;
        body = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (block.Length == 0) return false;
        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures) return false;
        foreach (var line in lines)
        {
            if (!line.StartsWith(LinePrefix, StringComparison.Ordinal)) return false;
            var rest = line[LinePrefix.Length..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0) return false;
            var name = rest[..space];
            if (!ValidName(name)) return false;
            if (!TryParseBase64(rest[(space + 1)..], out var bytes) || bytes.Length < 5) return false;
            signatures.Add((name, bytes, line));
        }
        return body.Length > 0;
    }

    /// <summary>Whether <paramref name="note"/> has the form of a signed note (its signatures unchecked).</summary>
    internal static bool IsWellFormed(string note) => TryParse(note, out _, out _);

    /// <summary>Standard base64 in its one canonical spelling: no spaces or line breaks inside, as the format writes it.</summary>
    internal static bool TryParseBase64(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length % 4 != 0 || text.Any(char.IsWhiteSpace)) return false;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return false;
        }
        return Convert.ToBase64String(bytes) == text;
    }

    private static void CheckText(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0 || !body.EndsWith('\n')) throw new SignedNoteException("the text to sign must be non-empty and end with a newline");
        if (!ValidCharacters(body)) throw new SignedNoteException("the text to sign must not contain control characters other than newline, nor broken Unicode");
    }

    private static void CheckName(string keyName)
    {
        ArgumentNullException.ThrowIfNull(keyName);
        if (!ValidName(keyName)) throw new SignedNoteException($"a key name must be non-empty, without spaces, '+' or control characters; '{Checkpoint.Shorten(keyName)}' is not");
    }

    private static bool ValidName(string name) =>
        name.Length > 0 && ValidCharacters(name) && !name.Any(c => c == '+' || char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>No ASCII control character but newline, and well-formed UTF-16 (so the text has a UTF-8 encoding).</summary>
    private static bool ValidCharacters(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 && c != '\n') return false;
        }
        try
        {
            _ = s_utf8.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
