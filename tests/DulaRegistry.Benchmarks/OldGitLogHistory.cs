using System.Diagnostics;
using System.Globalization;

namespace DulaRegistry.Benchmarks;

/// <summary>
/// The status history as it was read before the in-process walk (commit a7802a9): one <c>git log -p -U0</c> over
/// <c>agreements/</c>, its text parsed line by line. Kept here only as the baseline the walk is measured against; it trusts
/// diff lines, which is why the tool no longer reads history this way.
/// </summary>
public static class OldGitLogHistory
{
    private const char RecordSeparator = '\x1e';
    private const char FieldSeparator = '\x1f';

    /// <summary>Status changes by agreement id, and the CPU time the git child process used.</summary>
    public static (Dictionary<string, List<(string Status, DateTimeOffset Date, string Commit, string Subject)>> Timelines, TimeSpan GitCpu) Read(string root)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in (string[])["-C", root, "-c", "core.quotePath=false", "log", "--reverse", "--no-color", "--no-renames", "--no-ext-diff",
            "--relative", "-p", "-U0", $"--format={RecordSeparator}%H{FieldSeparator}%cI{FieldSeparator}%s", "--", "agreements"])
        {
            start.ArgumentList.Add(argument);
        }
        var childrenBefore = ChildrenCpu();
        using var git = Process.Start(start)!;
        git.ErrorDataReceived += static (_, _) => { };
        git.BeginErrorReadLine();
        var timelines = Parse(git.StandardOutput);
        git.WaitForExit();
        return (timelines, ChildrenCpu() - childrenBefore);
    }

    /// <summary>CPU time (user and system) of this process's finished children, from /proc (Linux); zero elsewhere.</summary>
    private static TimeSpan ChildrenCpu()
    {
        if (!File.Exists("/proc/self/stat")) return TimeSpan.Zero;
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 16 and 17 of stat (cutime, cstime), counted from 3 after the command name, in clock ticks of 1/100 s.
        var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static Dictionary<string, List<(string Status, DateTimeOffset Date, string Commit, string Subject)>> Parse(TextReader log)
    {
        var timelines = new Dictionary<string, List<(string Status, DateTimeOffset Date, string Commit, string Subject)>>(StringComparer.Ordinal);
        (string Hash, DateTimeOffset Date, string Subject)? commit = null;
        string? file = null;
        var seenInCommit = new HashSet<string>(StringComparer.Ordinal);
        while (log.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] == RecordSeparator)
            {
                var fields = line[1..].Split(FieldSeparator, 3);
                commit = fields.Length == 3 && DateTimeOffset.TryParse(fields[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (fields[0], date, fields[2])
                    : null;
                file = null;
                seenInCommit.Clear();
                continue;
            }
            if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                file = line.StartsWith("+++ b/agreements/", StringComparison.Ordinal) && line.EndsWith(".md", StringComparison.Ordinal)
                    ? line["+++ b/agreements/".Length..^".md".Length]
                    : null;
                continue;
            }
            if (commit is not { } c || file is null || !line.StartsWith("+status:", StringComparison.Ordinal) || !seenInCommit.Add(file)) continue;
            var status = Value(line["+status:".Length..]);
            if (status.Length == 0) continue;
            if (!timelines.TryGetValue(file, out var timeline)) timelines[file] = timeline = [];
            if (timeline.Count == 0 || timeline[^1].Status != status) timeline.Add((status, c.Date, c.Hash, c.Subject));
        }
        return timelines;
    }

    private static string Value(string raw)
    {
        var value = raw.Trim();
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0) value = value[..comment].TrimEnd();
        return value.Trim('"', '\'');
    }
}
