using DulaRegistry.IO;

namespace DulaRegistry.Tests;

/// <summary>A mapped file gives the file's bytes, keeps them while the file is replaced by a rename, refuses a file over the
/// limit, and once disposed refuses to hand out its bytes instead of reading memory no longer mapped.</summary>
public sealed class MappedFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dula-mapped-" + Guid.NewGuid().ToString("N")[..12]);

    public MappedFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_bytes_are_the_files_and_stay_so_when_a_new_file_is_renamed_over_it()
    {
        var path = Path.Combine(_folder, "files.bin");
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray(); // more than a page
        File.WriteAllBytes(path, bytes);
        using var mapped = MappedFile.Read(path, int.MaxValue);
        mapped.Memory.Span.SequenceEqual(bytes).ShouldBeTrue();
        if (!OperatingSystem.IsWindows()) mapped.ShouldBeOfType<MappedFile>();

        // As the build cache is replaced: a new file renamed over the old one, whose bytes the mapping keeps.
        if (OperatingSystem.IsWindows()) return; // a mapped file cannot be renamed over there (and is read, not mapped)
        File.WriteAllBytes(path + ".new", [1, 2, 3]);
        File.Move(path + ".new", path, overwrite: true);
        mapped.Memory.Span.SequenceEqual(bytes).ShouldBeTrue();
        mapped.Memory[69_999..].Span[0].ShouldBe(bytes[69_999]);
    }

    [Fact]
    public void Once_disposed_its_memory_refuses_to_give_its_bytes()
    {
        var path = Path.Combine(_folder, "a.bin");
        File.WriteAllBytes(path, [5, 6, 7]);
        var mapped = MappedFile.Read(path, 100);
        var slice = mapped.Memory[1..]; // as a cached body's HTML is a slice of the cache file
        slice.Span[0].ShouldBe((byte)6);
        mapped.Dispose();
        if (OperatingSystem.IsWindows()) return; // read into an array there: nothing is unmapped
        Should.Throw<ObjectDisposedException>(() => slice.Span[0]);
        Should.Throw<ObjectDisposedException>(() => slice.Pin());
    }

    [Fact]
    public void An_empty_file_has_no_bytes_and_a_file_over_the_limit_is_refused()
    {
        var empty = Path.Combine(_folder, "empty.bin");
        File.WriteAllBytes(empty, []);
        using (var mapped = MappedFile.Read(empty, 10)) mapped.Memory.Length.ShouldBe(0);

        var large = Path.Combine(_folder, "large.bin");
        File.WriteAllBytes(large, new byte[11]);
        Should.Throw<IOException>(() => MappedFile.Read(large, 10));
        Should.Throw<FileNotFoundException>(() => MappedFile.Read(Path.Combine(_folder, "missing.bin"), 10));
    }

    [Fact]
    public async Task A_link_a_folder_or_a_named_pipe_is_refused_at_once_never_followed_or_waited_on()
    {
        var target = Path.Combine(_folder, "target.bin");
        File.WriteAllBytes(target, [1, 2, 3]);
        var link = Path.Combine(_folder, "link.bin");
        File.CreateSymbolicLink(link, target);
        Should.Throw<IOException>(() => MappedFile.Read(link, 10)).Message.ShouldContain("a symbolic link");
        Should.Throw<IOException>(() => MappedFile.Read(_folder, 10));
        if (!OperatingSystem.IsLinux()) return;
        var pipe = Path.Combine(_folder, "pipe.bin");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe)) mkfifo.WaitForExit();
        RegularFile.KindOf(pipe).ShouldBe(FileKind.NamedPipe); // the test's premise
        // Opening a pipe for reading waits for a writer: the read must neither open it so nor hang.
        var read = Task.Run(() => Should.Throw<IOException>(() => MappedFile.Read(pipe, 10)).Message);
        (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30)))).ShouldBe(read, "the read waited on the pipe");
        (await read).ShouldContain("a named pipe");
    }
}
