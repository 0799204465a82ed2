using System.Text;
using DulaRegistry.Git;
using DulaRegistry.Testing;
using LibGit2Sharp;

namespace DulaRegistry.Tests.Git;

/// <summary>
/// Blobs are read straight from libgit2's object database, each inflated once; these tests hold that reader to LibGit2Sharp's
/// own answer, loose and packed (deltas included), and to its answers for what is not a readable blob.
/// </summary>
public sealed class BlobReaderTests : IDisposable
{
    private readonly GitTestRepository _git = new();

    public void Dispose() => _git.Dispose();

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Contents that differ in every way a reader could get wrong: empty, binary, line breaks, size, near-copies (deltas once packed).</summary>
    private static List<byte[]> Contents()
    {
        var agreement = "---\nid: DULA-2026-0001\ntitle: A wage match — €\nstatus: {0}\n---\n## Purpose\n\n" + string.Concat(Enumerable.Repeat("Some body text.\n", 200));
        var large = new byte[300 * 1024]; // larger than any starting buffer
        new Random(7).NextBytes(large);
        return
        [
            [],
            [(byte)'x'],
            Text("---\r\nstatus: executed\r\n---\r\n"),
            [0, 1, 2, 0, 255, 0xC3],
            large,
            .. new[] { "proposed", "drafting", "in-review", "final", "executed" }.Select(s => Text(string.Format(System.Globalization.CultureInfo.InvariantCulture, agreement, s))),
        ];
    }

    private List<string> WriteBlobs(IEnumerable<byte[]> contents)
    {
        using var repository = new Repository(_git.WorkTree);
        return [.. contents.Select(c => repository.ObjectDatabase.CreateBlob(new MemoryStream(c)).Sha)];
    }

    /// <summary>Moves every loose object into one pack, as <c>git gc</c> does, so reads go through the pack and its deltas.</summary>
    private void Pack()
    {
        var objects = Path.Combine(_git.WorkTree, ".git", "objects");
        using (var repository = new Repository(_git.WorkTree))
        {
            repository.ObjectDatabase.Pack(new PackBuilderOptions(Path.Combine(objects, "pack"))).WrittenObjectsCount.ShouldBeGreaterThan(0);
        }
        foreach (var folder in Directory.EnumerateDirectories(objects).Where(d => Path.GetFileName(d).Length == 2)) GitTestRepository.Delete(folder);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_every_blob_as_LibGit2Sharp_does_natively_and_through_the_fallback(bool packed)
    {
        var contents = Contents();
        var ids = WriteBlobs(contents);
        if (packed) Pack();
        using var registry = RegistryRepository.Open(_git.WorkTree);
        using var native = registry.OpenBlobReader();
        using var fallback = new BlobReader(Path.Combine(_git.WorkTree, ".git"), allowNative: false);
        using var libgit2sharp = new Repository(_git.WorkTree);

        native.ReadsNatively.ShouldBeTrue(); // the fast path is in use here, not silently the fallback
        fallback.ReadsNatively.ShouldBeFalse();
        var buffer = new byte[4];
        for (var i = 0; i < ids.Count; i++)
        {
            var expected = contents[i];
            using (var stream = libgit2sharp.Lookup<Blob>(ids[i]).GetContentStream())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                copy.ToArray().ShouldBe(expected); // the test's own premise
            }
            native.Read(ids[i], long.MaxValue).ShouldBe(expected, $"blob {i}");
            fallback.Read(ids[i], long.MaxValue).ShouldBe(expected, $"blob {i}");
            registry.ReadBlob(ids[i], long.MaxValue).ShouldBe(expected, $"blob {i}");
            var length = native.Read(ids[i], long.MaxValue, ref buffer);
            buffer.AsSpan(0, length).ToArray().ShouldBe(expected, $"blob {i} into a reused buffer");
            length = fallback.Read(ids[i], long.MaxValue, ref buffer);
            buffer.AsSpan(0, length).ToArray().ShouldBe(expected, $"blob {i} into a reused buffer, fallback");
        }
        buffer.Length.ShouldBeGreaterThanOrEqualTo(300 * 1024); // it grew for the large one
    }

    [Fact]
    public void A_missing_blob_another_kind_of_object_and_one_over_the_limit_read_as_nothing()
    {
        var commit = _git.Commit("2026-01-05T10:00:00+00:00", "First", [("agreements/DULA-2026-0001.md", "one\n")]);
        var blob = WriteBlobs([Text("twelve bytes")])[0];
        using var registry = RegistryRepository.Open(_git.WorkTree);
        string tree;
        using (var repository = new Repository(_git.WorkTree)) tree = repository.Lookup<Commit>(commit).Tree.Sha;

        foreach (var reader in new[] { registry.OpenBlobReader(), new BlobReader(Path.Combine(_git.WorkTree, ".git"), allowNative: false) })
        {
            using (reader)
            {
                var buffer = Array.Empty<byte>();
                reader.Read(blob, 12).ShouldBe(Text("twelve bytes"));
                reader.Read(blob, 11).ShouldBeNull(); // over the limit
                reader.Read(blob, 11, ref buffer).ShouldBe(-1);
                reader.Read(blob, 11, out var size).ShouldBeNull();
                size.ShouldBe(12); // the size is known, so the caller can say by how much
                reader.Read("0123456789abcdef0123456789abcdef01234567", long.MaxValue, out size).ShouldBeNull(); // no such object
                size.ShouldBe(-1);
                reader.Read(tree, long.MaxValue).ShouldBeNull(); // a tree, not a blob
                reader.Read(commit, long.MaxValue).ShouldBeNull(); // a commit, not a blob
            }
        }
    }

    [Fact]
    public void A_file_whose_content_is_missing_from_the_repository_is_a_typed_error_not_an_absent_file()
    {
        _git.Commit("2026-01-05T10:00:00+00:00", "First", [("agreements/DULA-2026-0001.md", "one\n")]);
        string blob;
        using (var repository = new Repository(_git.WorkTree)) blob = repository.Head.Tip["agreements/DULA-2026-0001.md"].Target.Sha;
        var loose = Path.Combine(_git.WorkTree, ".git", "objects", blob[..2], blob[2..]);
        File.SetAttributes(loose, FileAttributes.Normal);
        File.Delete(loose); // as in a damaged repository
        using var registry = RegistryRepository.Open(_git.WorkTree);

        var error = Should.Throw<GitException>(() => registry.ReadFile(registry.ResolveCommit("HEAD"), "agreements/DULA-2026-0001.md", 1024));
        error.Problem.ShouldBe(GitProblem.Unreadable);
        error.Message.ShouldContain("agreements/DULA-2026-0001.md");
        error.WhatToDo.ShouldContain("git fsck");
    }
}
