using System.Security.Cryptography;

namespace DulaRegistry.Signing;

/// <summary>Finds one labelled block in PEM text and writes PEM; messages never quote the text, which may be a secret.</summary>
internal static class Pem
{
    /// <summary>The DER bytes of the first block labelled <paramref name="label"/>, or null (with the labels seen) when there is none.</summary>
    public static byte[]? Find(string text, string label, out IReadOnlyList<string> labelsSeen)
    {
        var seen = new List<string>();
        labelsSeen = seen;
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var found = rest[fields.Label].ToString();
            seen.Add(found);
            if (found == label)
            {
                var der = new byte[fields.DecodedDataLength];
                return Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written) && written == der.Length ? der : null;
            }
            rest = rest[fields.Location.End..];
        }
        return null;
    }

    /// <summary>PEM text with 64-character lines and a final newline, as OpenSSL writes it.</summary>
    public static string Write(string label, ReadOnlySpan<byte> der) => new string(PemEncoding.Write(label, der)).ReplaceLineEndings("\n") + "\n";
}
