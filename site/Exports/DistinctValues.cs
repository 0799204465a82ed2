using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary>
/// One thread's lists for the distinct values of a document's fields (people, elements, parties, identifiers), reused
/// document after document: these run for every agreement on every build, and lists made anew were a third of what
/// making the index allocated.
/// </summary>
internal sealed class DistinctValues
{
    private readonly HashSet<string> _ordinal = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ignoringCase = new(StringComparer.OrdinalIgnoreCase);
    private HashSet<string> _seen;

    public DistinctValues() => _seen = _ordinal;

    /// <summary>The distinct values <see cref="AddOnce"/> adds, in the order first added.</summary>
    public List<string> Values { get; } = new(16);

    /// <summary>A document's ordinal-only terms (their numbers in the word table), before they are kept as an array.</summary>
    public List<int> Numbers { get; } = new(16);

    /// <summary>A document's party agencies, each once.</summary>
    public List<AgencyRef> Agencies { get; } = new(4);

    /// <summary>A buffer for joining a few values into one string.</summary>
    public System.Text.StringBuilder Text { get; } = new(256);

    /// <summary>Empties <see cref="Values"/> for a new field; values are told apart by ordinal comparison, or ignoring case.</summary>
    public List<string> Start(bool ignoreCase = false)
    {
        _ordinal.Clear();
        _ignoringCase.Clear();
        _seen = ignoreCase ? _ignoringCase : _ordinal;
        Values.Clear();
        return Values;
    }

    /// <summary>True the first time <paramref name="value"/> is seen since <see cref="Start"/>.</summary>
    public bool FirstTime(string value) => _seen.Add(value);

    /// <summary>Adds <paramref name="value"/> to <see cref="Values"/> unless it is null, empty or already there; true if added.</summary>
    public bool AddOnce(string? value)
    {
        if (string.IsNullOrEmpty(value) || !FirstTime(value)) return false;
        Values.Add(value);
        return true;
    }
}
