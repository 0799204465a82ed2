using System.CommandLine;
using System.CommandLine.Parsing;

namespace DulaRegistry.Cli.Commands;

/// <summary>
/// Turns a misspelled command or option into one line that names the closest known one ("unknown command `validat`;
/// did you mean `validate`?"), instead of System.CommandLine's several lines. An unknown option on a command that takes
/// file arguments is otherwise taken for a file name, so tokens that look like options are checked too.
/// </summary>
internal static class UnknownNames
{
    /// <summary>The one-line message for the first unknown command or option in <paramref name="parse"/>, or null if there is none.</summary>
    public static string? Explain(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        var loose = LooseTokens(parse);

        // A word where a command was expected (the current command has subcommands and takes no arguments of its own):
        // reported first, since the options after it belong to the command that was meant.
        if (command.Subcommands.Count > 0 && command.Arguments.Count == 0 && parse.UnmatchedTokens.Count > 0 && !LooksLikeOption(parse.UnmatchedTokens[0]))
        {
            var word = parse.UnmatchedTokens[0];
            var names = command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
            return Closest(word, names) is { } meant
                ? $"unknown command `{word}`; did you mean `{meant}`?"
                : $"unknown command `{word}`; run `{path} --help` to see the commands";
        }

        var option = loose.FirstOrDefault(LooksLikeOption);
        if (option is not null)
        {
            var names = KnownOptions(parse.CommandResult);
            var known = option.Split('=', 2)[0];
            return Closest(known, names) is { } meant
                ? $"unknown option `{known}`; did you mean `{meant}`?"
                : $"unknown option `{known}` for `{path}`; run `{path} --help` to see its options";
        }

        return null;
    }

    /// <summary>
    /// Tokens that no option or command took: the parser's unmatched tokens, and the command's own argument values (where an
    /// unknown option lands on a command that takes files), both only before a <c>--</c>, after which anything is a value.
    /// </summary>
    private static List<string> LooseTokens(ParseResult parse)
    {
        var afterDoubleDash = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        var seen = false;
        foreach (var token in parse.Tokens)
        {
            if (seen) afterDoubleDash.Add(token);
            else if (token.Type == TokenType.DoubleDash) seen = true;
        }
        var arguments = parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Where(t => !afterDoubleDash.Contains(t));
        // Unmatched tokens are strings: after a `--` they are values anyway, and System.CommandLine keeps them apart.
        var unmatched = seen ? [] : parse.UnmatchedTokens;
        return [.. unmatched, .. arguments.Select(t => t.Value)];
    }

    // `-` alone means standard input, and `-5` is a number, not an option.
    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-' && !char.IsAsciiDigit(token[1]);

    private static IEnumerable<string> KnownOptions(CommandResult result)
    {
        var own = result.Command.Options.Where(o => !o.Hidden);
        var inherited = new List<Option>();
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            inherited.AddRange(parent.Command.Options.Where(o => o.Recursive && !o.Hidden));
        }
        return own.Concat(inherited).SelectMany(o => o.Aliases.Prepend(o.Name));
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is CommandResult command; at = command.Parent)
        {
            names.Insert(0, command.Parent is null ? "registry" : command.Command.Name);
        }
        return string.Join(' ', names);
    }

    /// <summary>
    /// The known name nearest to <paramref name="typed"/>: within 1 edit for short words, 2 for longer (a swap of two letters
    /// counts as one), or the only name it is the start of. Null when nothing is near enough or two names are equally near.
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        var word = typed.TrimStart('-').ToLowerInvariant();
        if (word.Length == 0) return null;
        var candidates = known.Distinct(StringComparer.Ordinal).ToList();
        var limit = word.Length <= 4 ? 1 : 2;
        var scored = candidates
            .Select(name => (Name: name, Distance: EditDistance(word, name.TrimStart('-').ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .ToList();
        if (scored.Count > 0 && (scored.Count == 1 || scored[1].Distance > scored[0].Distance)) return scored[0].Name;
        if (scored.Count > 0) return null;
        var prefixed = candidates.Where(name => word.Length >= 3 && name.TrimStart('-').StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of adjacent letters.</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
