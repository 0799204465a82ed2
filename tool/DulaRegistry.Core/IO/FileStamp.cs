namespace DulaRegistry.IO;

/// <summary>
/// What tells a file's contents changed without reading them, as Git's index does: size, modification and status-change
/// times (nanoseconds since 1970) and the file's identity (device and inode). Writing a file moves its status-change time,
/// which no tool can set back (<c>touch -d</c> moves the modification time only), and an editor that saves by replacing the
/// file gives it a new inode. One stamp can still hide a change: a write within the file system's timestamp granularity
/// after the stamp was taken (Git's "racily clean" entries), which is why a stamp is only trusted when the file was last
/// changed well before the stamp was taken (<see cref="SettledBefore"/>). Checked on the stamp seen now against the moment
/// the earlier one was taken, that also catches any write since then: it set the status-change time to a later moment.
/// The times are the file system's and the moment is this machine's clock: a file server whose clock runs more than
/// <see cref="SettleNs"/> behind could hide a write made within one of its timestamp steps of the last one (as it can from Git).
/// </summary>
public readonly record struct FileStamp(long Size, long ModifiedNs, long ChangedNs, ulong Inode, ulong Device)
{
    /// <summary>How long before the moment it was taken a stamp's file must have last changed to be trusted: far more than any
    /// file system's timestamp granularity (ext4 and tmpfs take the kernel's coarse clock, a few milliseconds; FAT 2 s).</summary>
    public const long SettleNs = 3_000_000_000;

    /// <summary>True when the file last changed at least <see cref="SettleNs"/> before <paramref name="takenAtNs"/>: any later
    /// write to it changes its status-change time, so the same stamp seen again means the same bytes.</summary>
    public bool SettledBefore(long takenAtNs) => Math.Max(ModifiedNs, ChangedNs) < takenAtNs - SettleNs;

    /// <summary>Now, in the stamps' unit: nanoseconds since 1970 (UTC).</summary>
    public static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
}
