using System.IO.Hashing;

namespace DulaRegistry.Site.Build;

/// <summary>Passes what is written on to a stream and into a checksum.</summary>
internal sealed class ChecksumStream(Stream inner, XxHash128 checksum) : WriteThroughStream(inner)
{
    protected override void Writing(ReadOnlySpan<byte> buffer) => checksum.Append(buffer);
}
