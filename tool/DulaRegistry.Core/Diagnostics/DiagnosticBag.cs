namespace DulaRegistry.Diagnostics;

/// <summary>
/// A thread-safe sink that keeps diagnostics for later sorting and printing, within limits: at most
/// <see cref="MaxPerFile"/> per file and <see cref="MaxPerRun"/> in all, so a hostile file or registry cannot make it hold
/// gigabytes. Every report is counted (<see cref="Errors"/>, <see cref="Warnings"/>), kept or not, so a summary stays true;
/// what is not kept is counted in <see cref="Omitted"/> and <see cref="OmittedByFile"/>.
/// </summary>
/// <remarks>
/// Which diagnostics are kept does not depend on the order threads report them in: each file keeps its first
/// <see cref="MaxPerFile"/> in <see cref="Diagnostic.Order"/>, and the run keeps the first <see cref="MaxPerRun"/> of those.
/// A report past a limit pushes out the last kept one when it sorts before it.
/// </remarks>
public sealed class DiagnosticBag : IDiagnosticSink
{
    /// <summary>The default most diagnostics kept for one file: more than anyone reads, enough to see a pattern.</summary>
    public const int DefaultMaxPerFile = 100;

    /// <summary>The default most diagnostics kept in one run.</summary>
    public const int DefaultMaxPerRun = 5000;

    // Identical diagnostics are all kept, so entries carry a sequence number that breaks ties.
    private readonly record struct Entry(Diagnostic Diagnostic, long Sequence);

    private static readonly IComparer<Entry> s_order = Comparer<Entry>.Create((a, b) =>
    {
        var c = Diagnostic.Order.Compare(a.Diagnostic, b.Diagnostic);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    });

    private readonly Lock _gate = new();
    private readonly SortedSet<Entry> _kept = new(s_order);
    private readonly Dictionary<string, SortedSet<Entry>> _keptByFile = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _omittedByFile = new(StringComparer.Ordinal);
    private long _sequence;
    private int _errors;
    private int _warnings;
    private int _omitted;

    public DiagnosticBag(int maxPerFile = DefaultMaxPerFile, int maxPerRun = DefaultMaxPerRun)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerFile, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerRun, 1);
        MaxPerFile = maxPerFile;
        MaxPerRun = maxPerRun;
    }

    public int MaxPerFile { get; }

    public int MaxPerRun { get; }

    public void Report(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        lock (_gate)
        {
            if (diagnostic.Severity == Severity.Error) _errors++;
            else _warnings++;

            var entry = new Entry(diagnostic, _sequence++);
            if (!_keptByFile.TryGetValue(diagnostic.File, out var file))
            {
                _keptByFile.Add(diagnostic.File, file = new SortedSet<Entry>(s_order));
            }
            file.Add(entry);
            _kept.Add(entry);
            if (file.Count > MaxPerFile) Drop(file.Max);
            else if (_kept.Count > MaxPerRun) Drop(_kept.Max);
        }
    }

    private void Drop(Entry entry)
    {
        var path = entry.Diagnostic.File;
        var file = _keptByFile[path];
        file.Remove(entry);
        if (file.Count == 0) _keptByFile.Remove(path);
        _kept.Remove(entry);
        _omitted++;
        _omittedByFile[path] = _omittedByFile.GetValueOrDefault(path) + 1;
    }

    /// <summary>Errors reported, kept or not.</summary>
    public int Errors
    {
        get { lock (_gate) return _errors; }
    }

    /// <summary>Warnings reported, kept or not.</summary>
    public int Warnings
    {
        get { lock (_gate) return _warnings; }
    }

    /// <summary>Diagnostics reported but not kept, because of <see cref="MaxPerFile"/> or <see cref="MaxPerRun"/>.</summary>
    public int Omitted
    {
        get { lock (_gate) return _omitted; }
    }

    /// <summary>For each file that had diagnostics left out, how many (a copy, in file order).</summary>
    public IReadOnlyDictionary<string, int> OmittedByFile
    {
        get
        {
            lock (_gate) return new SortedDictionary<string, int>(_omittedByFile, StringComparer.Ordinal);
        }
    }

    public bool HasErrors => Errors > 0;

    /// <summary>The number of diagnostics kept.</summary>
    public int Count
    {
        get { lock (_gate) return _kept.Count; }
    }

    /// <summary>The kept diagnostics in a stable order: file, line, column, code.</summary>
    public IReadOnlyList<Diagnostic> Sorted()
    {
        lock (_gate) return [.. _kept.Select(e => e.Diagnostic)];
    }
}
