namespace DulaRegistry.GitHub;

/// <summary>What went wrong talking to GitHub, so a command can choose its words and exit code.</summary>
public enum GitHubProblem
{
    /// <summary>The API could not be reached (DNS, connection, TLS, timeout).</summary>
    Network,
    /// <summary>401: the token is missing, expired or revoked.</summary>
    Unauthorized,
    /// <summary>403: the token lacks a permission (the message names it).</summary>
    Forbidden,
    /// <summary>404: the thing does not exist, or the token cannot see it.</summary>
    NotFound,
    /// <summary>The rate limit is used up (the message says when it resets).</summary>
    RateLimited,
    /// <summary>GitHub refused the request for another reason (for example 422, invalid input).</summary>
    Rejected,
    /// <summary>The settings (environment or options) are missing or invalid.</summary>
    Usage,
}

/// <summary>
/// A failure talking to GitHub, with a plain message that says what to do. The message never holds a stack trace or
/// a token; the Octokit exception it came from is not kept, so nothing downstream can print its details by mistake.
/// </summary>
public sealed class GitHubException : Exception
{
    public GitHubException(GitHubProblem problem, string message) : base(message) => Problem = problem;

    public GitHubException()
    {
    }

    public GitHubException(string message) : base(message)
    {
    }

    public GitHubException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public GitHubProblem Problem { get; }
}
