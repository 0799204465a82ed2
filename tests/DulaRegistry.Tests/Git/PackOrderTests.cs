using System.Diagnostics;
using System.Globalization;
using DulaRegistry.Git;
using DulaRegistry.History;
using DulaRegistry.Testing;

namespace DulaRegistry.Tests.Git;

/// <summary>
/// The order the status history reads blobs in (<see cref="PackOrder"/>): every delta after its base, held to what
/// <c>git verify-pack -v</c> says of the same pack; anything it cannot read leaves the order alone, never the history.
/// </summary>
public sealed class PackOrderTests : IDisposable
{
    private readonly GitTestRepository _git = new();

    public void Dispose() => _git.Dispose();

    private string Objects => Path.Combine(_git.WorkTree, ".git", "objects");

    /// <summary>Twenty agreements, each changed over eight commits, so that a pack stores most versions as deltas.</summary>
    private void CommitVersions()
    {
        var statuses = new[] { "proposed", "drafting", "in-review", "final", "submitted", "approved", "executed", "expired" };
        for (var step = 0; step < statuses.Length; step++)
        {
            var files = Enumerable.Range(1, 20).Select(n => ($"agreements/DULA-2026-{n:D4}.md", (string?)(
                $"---\nid: DULA-2026-{n:D4}\ntitle: Agreement {n}\nstatus: {statuses[(step + n) % statuses.Length]}\n---\n## Purpose\n\n"
                + string.Concat(Enumerable.Range(0, 60).Select(line => $"Line {line} of agreement {n}, version {step}.\n"))))).ToList();
            _git.Commit($"2026-01-{step + 1:D2}T10:00:00+00:00", $"Step {step}", files);
        }
    }

    private string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _git.WorkTree };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        git.ExitCode.ShouldBe(0, error);
        return output;
    }

    /// <summary>Every object in the repository's one pack, and the base of each delta, as Git itself reads the pack.</summary>
    private Dictionary<string, string?> VerifyPack()
    {
        var index = Directory.GetFiles(Path.Combine(Objects, "pack"), "pack-*.idx").ShouldHaveSingleItem();
        var objects = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var line in Git("verify-pack", "-v", index).Split('\n'))
        {
            // id type size size-in-pack offset [depth base-id]
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length is not (5 or 7) || fields[0].Length != 40) continue;
            objects[fields[0]] = fields.Length == 7 ? fields[6] : null;
        }
        return objects;
    }

    [Fact]
    public void Every_delta_comes_after_its_base_and_each_object_has_a_place_of_its_own()
    {
        CommitVersions();
        Git("gc", "--quiet");
        var objects = VerifyPack();
        objects.Values.Count(b => b is not null).ShouldBeGreaterThan(objects.Count / 2); // the test's premise: mostly deltas

        var order = PackOrder.Read(Objects);
        order.PackCount.ShouldBe(1);
        var positions = objects.Keys.ToDictionary(id => id, order.Position, StringComparer.Ordinal);
        positions.Values.ShouldAllBe(p => p != long.MaxValue);
        positions.Values.Distinct().Count().ShouldBe(objects.Count);
        foreach (var (id, baseId) in objects)
        {
            if (baseId is not null) positions[id].ShouldBeGreaterThan(positions[baseId], $"{id} is a delta of {baseId}");
        }
        // Depth first: a delta's base is the nearest whole object or delta before it on its own chain, so between a base and
        // each of its deltas lie only objects of the chains that grow from that base.
        var byPosition = objects.Keys.OrderBy(id => positions[id]).ToList();
        for (var i = 1; i < byPosition.Count; i++)
        {
            if (objects[byPosition[i]] is not { } baseId) continue;
            for (var ancestor = byPosition[i - 1]; ancestor != baseId; ancestor = objects[ancestor]!)
            {
                objects[ancestor].ShouldNotBeNull($"{byPosition[i]} should follow its base {baseId} or one of that base's deltas");
            }
        }
    }

    [Fact]
    public void Loose_objects_and_ids_that_are_not_ids_sort_after_everything_packed()
    {
        CommitVersions();
        Git("gc", "--quiet");
        var loose = _git.Commit("2026-02-01T10:00:00+00:00", "Loose", [("agreements/DULA-2026-0099.md", "---\nid: DULA-2026-0099\n---\n")]);
        var order = PackOrder.Read(Objects);
        order.Position(loose).ShouldBe(long.MaxValue);
        order.Position("not an id").ShouldBe(long.MaxValue);
        order.Position("0123").ShouldBe(long.MaxValue);
        order.Position(new string('a', 40)).ShouldBe(long.MaxValue);
        VerifyPack().Keys.ShouldAllBe(id => order.Position(id) < long.MaxValue);
    }

    [Theory]
    [InlineData("index cut short")]
    [InlineData("index of another version")]
    [InlineData("pack cut short")]
    [InlineData("pack of another count")]
    [InlineData("pack missing")]
    [InlineData("pack is a named pipe")]
    [InlineData("index is a link")]
    public void A_pack_that_cannot_be_read_is_left_out_without_an_error(string damage)
    {
        if (damage == "pack is a named pipe" && !OperatingSystem.IsLinux()) return;
        CommitVersions();
        Git("gc", "--quiet");
        var index = Directory.GetFiles(Path.Combine(Objects, "pack"), "pack-*.idx").ShouldHaveSingleItem();
        var pack = index[..^".idx".Length] + ".pack";
        // Git makes its pack files read-only; the test damages them as a failing disk or another program could.
        File.SetAttributes(index, FileAttributes.Normal);
        File.SetAttributes(pack, FileAttributes.Normal);
        var bytes = File.ReadAllBytes(damage.StartsWith("index", StringComparison.Ordinal) ? index : pack);
        switch (damage)
        {
            case "index cut short": File.WriteAllBytes(index, bytes[..(bytes.Length / 2)]); break;
            case "index of another version": bytes[7] = 3; File.WriteAllBytes(index, bytes); break;
            case "pack cut short": File.WriteAllBytes(pack, bytes[..(bytes.Length / 2)]); break; // its headers run off the end
            case "pack of another count": bytes[11]++; File.WriteAllBytes(pack, bytes); break;
            case "pack missing": File.Delete(pack); break;
            case "pack is a named pipe": File.Delete(pack); MakeFifo(pack); break; // opened, it would block until written to
            default: File.Move(index, index + ".aside"); File.CreateSymbolicLink(index, index + ".aside"); break;
        }

        PackOrder.Read(Objects).PackCount.ShouldBe(0);
    }

    [Fact]
    public void Without_an_order_the_history_is_the_same()
    {
        // libgit2 reads an index through a link; the order never does, so the blobs are read file by file instead.
        CommitVersions();
        Git("gc", "--quiet");
        var expected = StatusHistory.Read(_git.RegistryRoot);
        var index = Directory.GetFiles(Path.Combine(Objects, "pack"), "pack-*.idx").ShouldHaveSingleItem();
        File.Move(index, index + ".aside");
        File.CreateSymbolicLink(index, index + ".aside");
        PackOrder.Read(Objects).PackCount.ShouldBe(0);

        var history = StatusHistory.Read(_git.RegistryRoot);
        history.Note.ShouldBeNull();
        history.Agreements.Count.ShouldBe(20);
        foreach (var (id, timeline) in expected.Agreements) history.Agreements[id].StatusChanges.ShouldBe(timeline.StatusChanges, id);
    }

    [Fact]
    public void The_history_read_in_pack_order_is_the_history_read_from_loose_objects()
    {
        CommitVersions();
        var loose = StatusHistory.Read(_git.RegistryRoot);
        Git("gc", "--quiet");
        PackOrder.Read(Objects).PackCount.ShouldBe(1);
        var packed = StatusHistory.Read(_git.RegistryRoot);
        packed.Agreements.Count.ShouldBe(20);
        packed.Agreements.Values.Sum(h => h.StatusChanges.Count).ShouldBeGreaterThan(20 * 4);
        foreach (var (id, timeline) in loose.Agreements)
        {
            packed.Agreements[id].StatusChanges.ShouldBe(timeline.StatusChanges, id);
            packed.Agreements[id].LastChanged.ShouldBe(timeline.LastChanged, id);
        }
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", path) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        mkfifo.ExitCode.ShouldBe(0, string.Create(CultureInfo.InvariantCulture, $"mkfifo {path}"));
    }
}
