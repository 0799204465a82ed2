namespace DulaRegistry.Site.Build;

/// <summary>
/// A write-only stream over another that throws <see cref="OperationCanceledException"/> on a write once its token is
/// cancelled: an export that streams through it (its writer flushing every few kilobytes) stops at its next flush, without
/// every export checking the token itself.
/// </summary>
internal sealed class CancellableStream(Stream inner, CancellationToken cancellationToken) : WriteThroughStream(inner)
{
    protected override void Writing(ReadOnlySpan<byte> buffer) => cancellationToken.ThrowIfCancellationRequested();
}
