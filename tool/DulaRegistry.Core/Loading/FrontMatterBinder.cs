using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using DulaRegistry.Diagnostics;

namespace DulaRegistry.Loading;

/// <summary>
/// Binds a <see cref="YNode"/> tree to a typed front-matter record. Keys are the snake_case of the
/// property names and enum values the kebab-case of theirs (the same policies the JSON Schema uses),
/// so the C# model is the one definition of schema v1. Every unknown key and wrong value becomes a
/// diagnostic at its position; binding carries on so one run reports every mistake.
/// </summary>
public static class FrontMatterBinder
{
    private static readonly ConcurrentDictionary<Type, (Type Underlying, Type? ListItem)> s_shapes = new();

    public static string KeyName(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);

    /// <summary>The kebab-case name of an enum value, one string per value (the site asks it for every agreement's values).</summary>
    public static string EnumName(Enum value) => s_enumNames.GetOrAdd(value, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

    private static readonly ConcurrentDictionary<Enum, string> s_enumNames = new();

    public static string EnumName<T>(T? value) where T : struct, Enum => value is { } v ? EnumName(v) : "";

    /// <summary>Binds <paramref name="root"/> to a new <typeparamref name="T"/>, recording positions in <paramref name="map"/>
    /// (unless it is a deferred map, which finds them itself when asked; a rejected value is marked in either).</summary>
    public static T Bind<T>(YMapping root, string file, SourceMap map, IDiagnosticSink sink) where T : class, new()
    {
        var context = new Context(file, map, sink);
        return (T)BindObject(root, typeof(T), context);
    }

    /// <summary>What binding one file carries: the path being bound, as a stack of keys and list indexes that becomes a string
    /// (<c>parties[1].agency</c>) only when it is recorded or reported.</summary>
    private sealed class Context(string file, SourceMap map, IDiagnosticSink sink)
    {
        private readonly List<(string? Key, int Index)> _path = [];

        public string File { get; } = file;
        public IDiagnosticSink Sink { get; } = sink;

        public void Enter(string key) => _path.Add((key, 0));

        public void Enter(int index) => _path.Add((null, index));

        public void Leave() => _path.RemoveAt(_path.Count - 1);

        /// <summary>Records where the current path is, when the map records positions.</summary>
        public void Record(SourcePosition position)
        {
            if (map.Records) map.Add(Path, position);
        }

        public string Path
        {
            get
            {
                if (_path is [(string only, _)]) return only; // a top-level key, the most asked
                var path = new System.Text.StringBuilder();
                foreach (var (key, index) in _path)
                {
                    if (key is null) path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                    else path.Append(path.Length == 0 ? "" : ".").Append(key);
                }
                return path.ToString();
            }
        }

        /// <summary>Reports a value that cannot be bound and marks its path invalid, so no rule reports it again.</summary>
        public void Reject(Diagnostic diagnostic)
        {
            map.MarkInvalid(Path);
            Sink.Report(diagnostic);
        }
    }

    private static object BindObject(YMapping mapping, Type type, Context context)
    {
        var record = FrontMatterTypes.RecordOf(type);
        var instance = record.Create();
        var properties = record.Properties;
        var entries = mapping.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var (key, value) = entries[i];
            if (!properties.TryGetValue(key.Value, out var property))
            {
                context.Sink.Report(FieldDiagnostics.UnknownKey(
                    context.File, key.Position, key.Value, context.Path, Suggest(key.Value, properties.Keys), properties.Keys));
                continue;
            }
            context.Enter(key.Value);
            context.Record(key.Position);
            var bound = BindValue(value, property.Type, key.Position, context);
            if (bound is not null) property.Set(instance, bound);
            context.Leave();
        }
        return instance;
    }

    /// <param name="at">Where the value's key (or list item) is: what a diagnostic about the value points to.</param>
    private static object? BindValue(YNode node, Type type, SourcePosition at, Context context)
    {
        if (node is YScalar { IsNull: true })
        {
            return null;
        }
        var (underlying, listItem) = s_shapes.GetOrAdd(type, static t =>
        {
            var u = Nullable.GetUnderlyingType(t) ?? t;
            return (u, u.IsGenericType && u.GetGenericTypeDefinition() == typeof(List<>) ? u.GetGenericArguments()[0] : null);
        });
        if (underlying == typeof(string))
        {
            if (node is YScalar text) return text.Value;
            context.Reject(FieldDiagnostics.MustBeText(context.File, at, context.Path, node));
            return null;
        }
        if (listItem is { } itemType)
        {
            if (node is not YSequence sequence)
            {
                context.Reject(FieldDiagnostics.MustBeList(context.File, at, context.Path, node));
                return null;
            }
            var list = FrontMatterTypes.NewList(underlying);
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                var itemNode = sequence.Items[i];
                context.Enter(i);
                context.Record(itemNode.Position);
                var item = BindValue(itemNode, itemType, itemNode.Position, context);
                if (item is not null) list.Add(item);
                context.Leave();
            }
            return list;
        }
        if (underlying.IsClass)
        {
            if (node is YMapping mapping) return BindObject(mapping, underlying, context);
            context.Reject(FieldDiagnostics.MustBeMapping(context.File, at, context.Path, PropertyKeys(underlying), node));
            return null;
        }
        if (node is not YScalar scalar)
        {
            context.Reject(FieldDiagnostics.MustBeSingleValue(context.File, at, context.Path, node));
            return null;
        }
        var raw = scalar.Value.Trim();
        if (underlying == typeof(DateOnly))
        {
            if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            context.Reject(FieldDiagnostics.NotADate(context.File, at, context.Path, raw));
            return null;
        }
        if (underlying == typeof(int) || underlying == typeof(long))
        {
            if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= int.MaxValue)
            {
                return underlying == typeof(int) ? (object)(int)number : number;
            }
            context.Reject(FieldDiagnostics.NotAWholeNumber(context.File, at, context.Path, raw));
            return null;
        }
        if (underlying.IsEnum)
        {
            var values = FrontMatterTypes.EnumValues(underlying);
            if (values.TryGetValue(raw, out var value)) return value;
            context.Reject(FieldDiagnostics.NotAllowedValue(
                context.File, at, context.Path, raw, Suggest(raw.ToLowerInvariant(), values.Keys), values.Keys));
            return null;
        }
        throw new NotSupportedException($"front matter of type {underlying.Name} is not supported");
    }

    internal static IEnumerable<string> PropertyKeys(Type type) => FrontMatterTypes.RecordOf(type).Properties.Keys;

    /// <summary>The closest allowed name within a small edit distance, for "did you mean" hints.</summary>
    public static string? Suggest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(2, value.Length / 3);
        foreach (var candidate in candidates)
        {
            // The distance is at least the difference in length: skip hopeless candidates (and a hostile 1 MB key costs nothing).
            if (Math.Abs(value.Length - candidate.Length) > limit) continue;
            var distance = Distance(value, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
