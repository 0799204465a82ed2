using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Scaffolding;

/// <summary>The agencies a drafter may name: resolving what was typed (an id, an acronym or a number from the list) and suggesting near misses.</summary>
public sealed class AgencyChoices
{
    private readonly List<Agency> _agencies;

    public AgencyChoices(LoadedRegistry registry) =>
        _agencies = [.. registry.Agencies.Select(a => a.Model).Where(a => !string.IsNullOrWhiteSpace(a.Id)).OrderBy(a => a.Id, StringComparer.Ordinal)];

    public IReadOnlyList<Agency> All => _agencies;

    /// <summary>The numbered list offered at a prompt: <c>  12. dta  Department of Transitional Assistance</c>.</summary>
    public IEnumerable<string> Menu()
    {
        var width = _agencies.Count == 0 ? 0 : _agencies.Max(a => a.Id!.Length);
        var digits = _agencies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        return _agencies.Select((a, i) => $"{(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits + 2)}. {a.Id!.PadRight(width)}  {a.Name}");
    }

    /// <summary>
    /// The agency ids for a comma-separated list of ids, acronyms (any case) or, when <paramref name="allowNumbers"/>, menu
    /// numbers; duplicates dropped.
    /// </summary>
    /// <exception cref="ScaffoldException">an entry names no agency; the message suggests the closest ids and acronyms.</exception>
    public IReadOnlyList<string> Resolve(string option, string? list, bool allowNumbers = false)
    {
        var ids = new List<string>();
        foreach (var raw in (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var id = Find(raw, allowNumbers) ?? throw new ScaffoldException($"{option}: `{raw}` is not a known agency (no agencies/{raw}.md){Suggestion(raw)}");
            if (!ids.Contains(id, StringComparer.Ordinal)) ids.Add(id);
        }
        if (ids.Count == 0) throw new ScaffoldException($"{option} needs at least one agency id, such as {Example()}");
        return ids;
    }

    private string? Find(string raw, bool allowNumbers)
    {
        if (allowNumbers && int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n >= 1 && n <= _agencies.Count)
        {
            return _agencies[n - 1].Id;
        }
        return _agencies.FirstOrDefault(a => a.Id == raw)?.Id
            ?? _agencies.FirstOrDefault(a => string.Equals(a.Id, raw, StringComparison.OrdinalIgnoreCase))?.Id
            ?? _agencies.FirstOrDefault(a => string.Equals(a.Acronym, raw, StringComparison.OrdinalIgnoreCase))?.Id;
    }

    /// <summary>"; did you mean dta (DTA, Department of Transitional Assistance)?": up to three ids or acronyms closest to what was typed.</summary>
    public string Suggestion(string raw)
    {
        var typed = raw.ToLowerInvariant();
        var near = _agencies
            .Select(a => (Agency: a, Distance: Math.Min(Distance(typed, a.Id!), a.Acronym is { } acronym ? Distance(typed, acronym.ToLowerInvariant()) : int.MaxValue),
                Contains: typed.Length >= 3 && (a.Name ?? "").Contains(raw, StringComparison.OrdinalIgnoreCase)))
            .Where(x => x.Distance <= Math.Max(2, typed.Length / 3) || x.Contains)
            .OrderBy(x => x.Contains ? 0 : x.Distance).ThenBy(x => x.Agency.Id, StringComparer.Ordinal)
            .Take(3)
            .Select(x => $"{x.Agency.Id} ({Describe(x.Agency)})")
            .ToList();
        return near.Count == 0
            ? $"; agency ids are the file names in agencies/ without .md, such as {Example()}"
            : $"; did you mean {string.Join(" or ", near)}?";
    }

    private static string Describe(Agency a) => string.Join(", ", new[] { a.Acronym, a.Name }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private string Example() => _agencies.Count == 0 ? "`dor`" : string.Join(", ", _agencies.Take(3).Select(a => $"`{a.Id}`"));

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 8) return int.MaxValue; // hopeless, and a long input costs nothing
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
