using DulaRegistry.IO;

namespace DulaRegistry.Tests;

/// <summary>A file's stamp changes with every write, even one that keeps its size and sets its modification time back, and
/// is trusted only once the file has settled.</summary>
public sealed class FileStampTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dula-stamp-" + Guid.NewGuid().ToString("N")[..12]);

    public FileStampTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_regular_file_has_a_stamp_that_a_write_changes_even_with_its_time_set_back()
    {
        if (!OperatingSystem.IsLinux()) return; // stamps come from statx; elsewhere every file is read
        var path = Path.Combine(_folder, "a.md");
        File.WriteAllText(path, "one");
        var modified = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc); // a time .NET can set back exactly (it has 100 ns steps)
        File.SetLastWriteTimeUtc(path, modified);
        var (kind, stamp) = RegularFile.Stat(path);
        kind.ShouldBe(FileKind.RegularFile);
        stamp.ShouldNotBeNull();
        stamp.Value.Size.ShouldBe(3);
        RegularFile.Stat(path).Stamp.ShouldBe(stamp); // nothing changed: the same stamp

        Thread.Sleep(20); // past the file system's clock tick, so the write's time differs
        File.WriteAllText(path, "two");
        File.SetLastWriteTimeUtc(path, modified);
        var after = RegularFile.Stat(path).Stamp!.Value;
        after.Size.ShouldBe(stamp.Value.Size);
        after.ModifiedNs.ShouldBe(stamp.Value.ModifiedNs);
        after.ShouldNotBe(stamp.Value); // the status-change time moved

        // Saved by replacing the file (as editors do): another inode.
        File.WriteAllText(path + ".new", "two");
        File.Move(path + ".new", path, overwrite: true);
        RegularFile.Stat(path).Stamp!.Value.Inode.ShouldNotBe(after.Inode);
    }

    [Fact]
    public void Links_folders_and_missing_paths_have_no_stamp()
    {
        if (!OperatingSystem.IsLinux()) return;
        var target = Path.Combine(_folder, "target.md");
        File.WriteAllText(target, "x");
        File.CreateSymbolicLink(Path.Combine(_folder, "link.md"), target);
        RegularFile.Stat(Path.Combine(_folder, "link.md")).ShouldBe((FileKind.SymbolicLink, null));
        RegularFile.Stat(_folder).ShouldBe((FileKind.Directory, null));
        RegularFile.Stat(Path.Combine(_folder, "none.md")).ShouldBe((FileKind.Missing, null));
    }

    [Fact]
    public void An_open_folder_tells_each_entry_as_its_whole_path_does_never_following_a_link_at_the_end()
    {
        var target = Path.Combine(_folder, "target.md");
        File.WriteAllText(target, "x");
        var sub = Path.Combine(_folder, "sub");
        Directory.CreateDirectory(sub);
        File.WriteAllText(Path.Combine(sub, "page.html"), "<p>");
        File.CreateSymbolicLink(Path.Combine(_folder, "link.md"), target);
        File.CreateSymbolicLink(Path.Combine(_folder, "folder-link"), sub);
        List<string> entries = ["target.md", "sub/page.html", "sub", "link.md", "folder-link", "none.md", "sub/none.html"];
        if (OperatingSystem.IsLinux())
        {
            using var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(_folder, "pipe.md"));
            mkfifo.WaitForExit();
            entries.Add("pipe.md");
        }
        using (var folder = RegularFile.OpenFolder(_folder))
        {
            foreach (var entry in entries) folder.Stat(entry).ShouldBe(RegularFile.Stat(Path.Combine(_folder, entry)), entry);
            folder.Stat("target.md").Kind.ShouldBe(FileKind.RegularFile);
            folder.Stat("link.md").Kind.ShouldBe(FileKind.SymbolicLink);
            folder.Stat("folder-link").Kind.ShouldBe(FileKind.SymbolicLink);
            if (OperatingSystem.IsLinux()) folder.Stat("pipe.md").Kind.ShouldBe(FileKind.NamedPipe); // told, not opened: nothing blocks
        }

        // Opened through a link, the folder is looked up by whole paths instead, with the same answers.
        using var linked = RegularFile.OpenFolder(Path.Combine(_folder, "folder-link"));
        linked.Stat("page.html").ShouldBe(RegularFile.Stat(Path.Combine(sub, "page.html")));
        linked.Stat("page.html").Kind.ShouldBe(FileKind.RegularFile);
    }

    [Fact]
    public void A_stamp_is_trusted_only_when_its_file_changed_well_before_it_was_taken()
    {
        const long second = 1_000_000_000;
        var taken = 100 * second;
        new FileStamp(1, 90 * second, 90 * second, 1, 1).SettledBefore(taken).ShouldBeTrue();
        // Changed (content or status) within the settle period: a write just after the stamp could give the same times.
        new FileStamp(1, 90 * second, taken - 1, 1, 1).SettledBefore(taken).ShouldBeFalse();
        new FileStamp(1, taken - FileStamp.SettleNs, 90 * second, 1, 1).SettledBefore(taken).ShouldBeFalse();
        new FileStamp(1, taken + second, taken + second, 1, 1).SettledBefore(taken).ShouldBeFalse();
    }
}
