namespace DulaRegistry.Publishing;

/// <summary>
/// The log's origin, the first line of its checkpoint and the name its signatures are made under (C2SP tlog-checkpoint): by
/// default the repository's address without its scheme, plus <c>/dula-log</c>.
/// </summary>
public static class LogOrigin
{
    public const string Suffix = "/dula-log";

    /// <summary><c>https://github.com/org/repo</c> (or <c>…/repo.git</c>, <c>…/repo/</c>) → <c>github.com/org/repo/dula-log</c>; null when it is not an http(s) address.</summary>
    public static string? FromRepositoryUrl(string? repositoryUrl)
    {
        if (string.IsNullOrWhiteSpace(repositoryUrl)
            || !Uri.TryCreate(repositoryUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Host.Length == 0)
        {
            return null;
        }
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) path = path[..^4];
        return uri.Host.ToLowerInvariant() + path + Suffix;
    }

    /// <summary>Why <paramref name="origin"/> cannot be a checkpoint's origin, or null when it can (one line of printable text, no spaces).</summary>
    public static string? Problem(string origin) =>
        origin.Length == 0 ? "the origin is empty"
        : origin.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? $"the origin '{origin}' contains a space or a control character; use a name like example.org/registry/dula-log"
        : origin.Contains('+', StringComparison.Ordinal) ? $"the origin '{origin}' contains '+', which signed notes do not allow in a key name"
        : null;
}
