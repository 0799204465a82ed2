namespace DulaRegistry.Loading;

/// <summary>
/// Where each front-matter value came from, by path (<c>term.expires</c>, <c>parties[1].agency</c>).
/// Mapping entries are recorded at their key, list items at the item.
/// </summary>
public sealed class SourceMap
{
    // Sized for a typical agreement (about 60 keys and items) so it rarely grows.
    private Dictionary<string, SourcePosition>? _positions;

    // The map of a file that came from a cache (IParsedFileCache) is made when a position is first asked for, by reading the
    // front matter again: positions are only wanted for a diagnostic, and a clean file is never asked.
    private readonly Func<SourceMap>? _deferred;

    public SourceMap(SourcePosition root)
    {
        Root = root;
        _positions = new(64, StringComparer.Ordinal);
    }

    private SourceMap(SourcePosition root, Func<SourceMap> deferred)
    {
        Root = root;
        _deferred = deferred;
    }

    /// <summary>A map that places everything at the top of the file, for findings whose position nobody reads.</summary>
    public static SourceMap Unplaced { get; } = new(SourcePosition.Start);

    /// <summary>A map made by <paramref name="make"/> when it is first used (once, whichever thread asks first).</summary>
    public static SourceMap Deferred(SourcePosition root, Func<SourceMap> make) => new(root, make);

    private Dictionary<string, SourcePosition> Positions
    {
        get
        {
            if (Volatile.Read(ref _positions) is { } positions) return positions;
            lock (_deferred!)
            {
                return _positions ??= _deferred()._positions!;
            }
        }
    }

    /// <summary>Where the front matter starts (used when nothing more precise is known).</summary>
    public SourcePosition Root { get; }

    private HashSet<string>? _invalid; // rarely needed: most files have no rejected value

    /// <summary>False for a deferred map: binding leaves its positions to be found when asked.</summary>
    internal bool Records => _deferred is null;

    // Every agreement has the same few hundred paths (`parties[0].agency`): one string each, shared by every map, instead of
    // one per file (measured: a third of what a loaded 10,000-agreement registry kept).
    internal void Add(string path, SourcePosition position) => Positions.TryAdd(SharedStrings.Get(path), position);

    /// <summary>Marks a value the binder rejected (already reported), so rules do not report it again as missing.</summary>
    internal void MarkInvalid(string path) => (_invalid ??= new(StringComparer.Ordinal)).Add(path);

    /// <summary>True when the value at <paramref name="path"/> was present but rejected by the binder.</summary>
    public bool IsInvalid(string path) => _invalid?.Contains(path) == true;

    /// <summary><see cref="IsInvalid(string)"/> for <c>path.member</c>, without making that path when nothing was rejected (most files).</summary>
    public bool IsInvalid(string path, string member) => _invalid is { } invalid && invalid.Contains(path + "." + member);

    public bool Contains(string path) => Positions.ContainsKey(path);

    /// <summary>The position of <paramref name="path"/>, or of its nearest recorded parent.</summary>
    public SourcePosition this[string path]
    {
        get
        {
            while (true)
            {
                if (Positions.TryGetValue(path, out var position)) return position;
                var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
                if (cut <= 0) return Root;
                path = path[..cut];
            }
        }
    }
}
