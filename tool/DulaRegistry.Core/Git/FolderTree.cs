using System.Text;

namespace DulaRegistry.Git;

/// <summary>
/// The <c>*.md</c> entries directly in one Git tree, read from the tree's raw bytes (<c>mode SP name NUL id</c>, repeated),
/// and how two such trees differ. Comparing the raw entries of a 10,000-file folder costs a fraction of libgit2's tree diff
/// through LibGit2Sharp, which parses both trees again for every commit and marshals every change into objects.
/// </summary>
internal sealed class FolderTree
{
    private const int IdLength = 20; // SHA-1

    private readonly byte[] _raw;
    private readonly List<Entry> _entries;

    private FolderTree(byte[] raw, List<Entry> entries)
    {
        _raw = raw;
        _entries = entries;
    }

    /// <summary>One entry: where its name and id lie in the raw tree, and its mode as libgit2 reports it.</summary>
    private readonly record struct Entry(int NameStart, int NameLength, int IdStart, int Mode);

    /// <summary>The <c>*.md</c> entries of a raw tree of <paramref name="length"/> bytes (the bytes are kept: pass a buffer not reused).</summary>
    /// <exception cref="FormatException">the bytes are not a tree.</exception>
    public static FolderTree Parse(byte[] raw, int length)
    {
        // An entry is the mode, a name and the 20-byte id: 45 bytes for "100644 DULA-2026-0001.md". Sized once for entries of
        // that length, not grown by doubling (at 48 bytes a list of registry files grew once, in every folder tree read).
        var entries = new List<Entry>(length / 44 + 1);
        var position = 0;
        var sorted = true;
        while (position < length)
        {
            var space = Array.IndexOf(raw, (byte)' ', position, length - position);
            if (space <= position) throw new FormatException("a tree entry without a mode");
            var mode = 0;
            for (var i = position; i < space; i++)
            {
                if (raw[i] is < (byte)'0' or > (byte)'7' || mode > 0x1FFFFF) throw new FormatException("a tree entry with a bad mode");
                mode = (mode * 8) + (raw[i] - '0');
            }
            var nameStart = space + 1;
            var nul = Array.IndexOf(raw, (byte)0, nameStart, length - nameStart);
            if (nul <= nameStart || nul + 1 + IdLength > length) throw new FormatException("a truncated tree entry");
            var entry = new Entry(nameStart, nul - nameStart, nul + 1, Normalize(mode));
            position = nul + 1 + IdLength;
            // A subfolder is never a direct file, whatever its name.
            if (entry.Mode == TreeMode || !raw.AsSpan(entry.NameStart, entry.NameLength).EndsWith(".md"u8)) continue;
            if (entries.Count > 0 && Compare(raw, entries[^1], raw, entry) >= 0) sorted = false;
            entries.Add(entry);
        }
        // Git writes trees sorted, and among files its order is the bytes' order; a tree some tool wrote out of order is
        // sorted here, so the comparison below still pairs each name with itself.
        if (!sorted) entries.Sort((a, b) => Compare(raw, a, raw, b));
        return new FolderTree(raw, entries);
    }

    /// <summary>An empty folder: what a commit without the folder holds.</summary>
    public static FolderTree Empty { get; } = new([], []);

    /// <summary>
    /// The files that differ between <paramref name="before"/> and <paramref name="after"/>, by name in byte order, as
    /// <see cref="FolderFileChange"/>s: the new content's id for a regular file, null for one deleted or no longer a regular file.
    /// </summary>
    public static List<FolderFileChange> Changes(FolderTree before, FolderTree after)
    {
        var changes = new List<FolderFileChange>();
        var (i, j) = (0, 0);
        while (i < before._entries.Count || j < after._entries.Count)
        {
            var order = i == before._entries.Count ? 1 : j == after._entries.Count ? -1
                : Compare(before._raw, before._entries[i], after._raw, after._entries[j]);
            if (order < 0)
            {
                changes.Add(new(before.Name(before._entries[i]), null)); // deleted
                i++;
            }
            else if (order > 0)
            {
                changes.Add(after.Change(after._entries[j])); // added
                j++;
            }
            else
            {
                var (old, now) = (before._entries[i], after._entries[j]);
                if (old.Mode != now.Mode || !before.Id(old).SequenceEqual(after.Id(now))) changes.Add(after.Change(now));
                i++;
                j++;
            }
        }
        return changes;
    }

    private const int TreeMode = 0x4000; // 040000

    /// <summary>A file's mode as libgit2 reports it (<c>git_tree_entry_filemode</c>): old modes such as 100664 read as 100644.</summary>
    private static int Normalize(int mode) => (mode & 0xF000) switch
    {
        TreeMode => TreeMode,
        _ when (mode & 0x49) != 0 => 0x81ED, // 100755: any execute bit
        0xE000 => 0xE000, // 160000: a submodule's commit
        0xA000 => 0xA000, // 120000: a symbolic link
        _ => 0x81A4, // 100644
    };

    private static bool IsRegularFile(int mode) => mode is 0x81A4 or 0x81ED;

    private static int Compare(byte[] rawA, Entry a, byte[] rawB, Entry b) =>
        rawA.AsSpan(a.NameStart, a.NameLength).SequenceCompareTo(rawB.AsSpan(b.NameStart, b.NameLength));

    private ReadOnlySpan<byte> Id(Entry entry) => _raw.AsSpan(entry.IdStart, IdLength);

    private string Name(Entry entry) => Encoding.UTF8.GetString(_raw, entry.NameStart, entry.NameLength);

    private FolderFileChange Change(Entry entry) => new(Name(entry), IsRegularFile(entry.Mode) ? Convert.ToHexStringLower(Id(entry)) : null);
}
