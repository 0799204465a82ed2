using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace DulaRegistry.History;

/// <summary>One change of an agreement's <c>status</c>, as recorded by a commit.</summary>
public sealed record StatusChange(string Status, DateTimeOffset Date, string Commit, string Subject);

/// <summary>
/// The status timeline of every agreement, read from Git in one pass: a single <c>git log -p</c> over
/// <c>agreements/</c>, oldest first, noting each commit that sets a file's <c>status:</c> line.
/// </summary>
public static class StatusHistory
{
    private const char RecordSeparator = '\x1e';
    private const char FieldSeparator = '\x1f';

    /// <summary>Timelines by agreement id (the file name); empty when the root is not in a Git work tree or Git is missing.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<StatusChange>> Read(string root)
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
        try
        {
            using var git = Process.Start(start);
            if (git is null) return new Dictionary<string, IReadOnlyList<StatusChange>>();
            git.ErrorDataReceived += static (_, _) => { }; // drain, so a chatty git never blocks
            git.BeginErrorReadLine();
            var timelines = Parse(git.StandardOutput);
            git.WaitForExit();
            return git.ExitCode == 0 ? timelines : new Dictionary<string, IReadOnlyList<StatusChange>>();
        }
        catch (Win32Exception)
        {
            return new Dictionary<string, IReadOnlyList<StatusChange>>(); // no git on this machine
        }
    }

    /// <summary>Parses the output of the log command above.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<StatusChange>> Parse(TextReader log)
    {
        var timelines = new Dictionary<string, List<StatusChange>>(StringComparer.Ordinal);
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
            if (timeline.Count == 0 || timeline[^1].Status != status) timeline.Add(new StatusChange(status, c.Date, c.Hash, c.Subject));
        }
        return timelines.ToDictionary(t => t.Key, t => (IReadOnlyList<StatusChange>)t.Value, StringComparer.Ordinal);
    }

    private static string Value(string raw)
    {
        var value = raw.Trim();
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0) value = value[..comment].TrimEnd();
        return value.Trim('"', '\'');
    }
}
