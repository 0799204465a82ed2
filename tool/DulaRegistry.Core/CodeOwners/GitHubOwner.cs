using System.Text.RegularExpressions;

namespace DulaRegistry.CodeOwners;

/// <summary>The owner syntax CODEOWNERS accepts from this registry: a GitHub user (<c>@name</c>) or team (<c>@org/team</c>).</summary>
public static partial class GitHubOwner
{
    // Logins and organisation names: letters, digits and hyphens, starting with a letter or digit, at most 39
    // characters; managed (EMU) accounts add an `_shortcode` suffix. Team slugs: letters, digits, `-`, `_` and `.`.
    // \z, not $: `$` also matches before a final newline, and a newline would split the CODEOWNERS line.
    [GeneratedRegex(@"^@[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:_[A-Za-z0-9]+)?(?:/[A-Za-z0-9_][A-Za-z0-9_.-]{0,99})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>True when <paramref name="owner"/> is <c>@user</c> or <c>@org/team</c> in GitHub's allowed characters.</summary>
    public static bool IsValid(string? owner) => owner is not null && Pattern().IsMatch(owner);

    /// <summary>What a valid owner looks like, for messages.</summary>
    public const string Expected = "a GitHub user (`@name`) or team (`@org/team`): letters, digits and hyphens, no spaces";
}
