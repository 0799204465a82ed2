using System.Diagnostics;
using DulaRegistry.History;

namespace DulaRegistry.Tests;

/// <summary>Status timelines read from a real Git repository made for each test (fixed author, dates and branch).</summary>
public sealed class StatusHistoryTests : IDisposable
{
    private readonly string _repo = Path.Combine(Path.GetTempPath(), "dula-git-" + Guid.NewGuid().ToString("N"));

    public StatusHistoryTests()
    {
        Directory.CreateDirectory(Path.Combine(_repo, "registry", "agreements"));
        Git("init", "--quiet", "--initial-branch=main");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_repo, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Git(params string[] args) => GitAt(null, args);

    private void GitAt(string? date, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-c", "user.name=Test Drafter", "-c", "user.email=drafter@example.org", "-c", "commit.gpgsign=false", .. args])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["GIT_AUTHOR_DATE"] = start.Environment["GIT_COMMITTER_DATE"] = date ?? "2026-01-01T09:00:00+00:00";
        using var git = Process.Start(start)!;
        git.WaitForExit();
        git.ExitCode.ShouldBe(0, git.StandardError.ReadToEnd());
    }

    private void Commit(string date, string message, params (string Id, string? Status)[] files)
    {
        foreach (var (id, status) in files)
        {
            var path = Path.Combine(_repo, "registry", "agreements", id + ".md");
            if (status is null)
            {
                File.Delete(path);
            }
            else
            {
                File.WriteAllText(path, $"---\nid: {id}\ntitle: {message}\nstatus: {status}  # lifecycle\nframework: mou\n---\n## Purpose\n\nstatus: not front matter\n");
            }
        }
        Git("add", "--all");
        GitAt(date, "commit", "--quiet", "-m", message);
    }

    [Fact]
    public void Each_status_change_is_one_entry_with_its_commit_date_and_subject()
    {
        Commit("2026-01-05T10:00:00+00:00", "Propose the wage match", ("DULA-2026-0001", "proposed"));
        Commit("2026-02-10T10:00:00+00:00", "Start drafting", ("DULA-2026-0001", "drafting"), ("DULA-2026-0002", "proposed"));
        Commit("2026-02-11T10:00:00+00:00", "Fix a typo", ("DULA-2026-0001", "drafting"));
        Commit("2026-03-01T15:30:00-05:00", "Execute", ("DULA-2026-0001", "\"executed\""));

        var history = StatusHistory.Read(Path.Combine(_repo, "registry"));

        var timeline = history["DULA-2026-0001"];
        timeline.Select(c => c.Status).ShouldBe(["proposed", "drafting", "executed"]);
        timeline.Select(c => c.Subject).ShouldBe(["Propose the wage match", "Start drafting", "Execute"]);
        timeline[2].Date.ShouldBe(new DateTimeOffset(2026, 3, 1, 15, 30, 0, TimeSpan.FromHours(-5)));
        timeline.ShouldAllBe(c => c.Commit.Length == 40);
        history["DULA-2026-0002"].Single().Status.ShouldBe("proposed");
    }

    [Fact]
    public void A_deleted_file_keeps_its_history_and_adds_nothing()
    {
        Commit("2026-01-05T10:00:00+00:00", "Propose", ("DULA-2026-0003", "proposed"));
        Commit("2026-01-06T10:00:00+00:00", "Remove", ("DULA-2026-0003", null));

        StatusHistory.Read(Path.Combine(_repo, "registry"))["DULA-2026-0003"].Select(c => c.Status).ShouldBe(["proposed"]);
    }

    [Fact]
    public void A_folder_outside_git_has_no_history()
    {
        var outside = Path.Combine(Path.GetTempPath(), "dula-nogit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(outside, "agreements"));
        try
        {
            // GIT_CEILING_DIRECTORIES is not needed: the temp folder is not inside a repository.
            StatusHistory.Read(outside).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }
}
