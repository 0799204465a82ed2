using System.Collections.Concurrent;

namespace DulaRegistry.Loading;

/// <summary>
/// One string for each text that many registry files repeat: front-matter keys (<c>dula_manager</c>), everyday values
/// (agency ids, roles, dates, names) and source-map paths (<c>parties[0].agency</c>). Reading 10,000 files made a copy of
/// each for every file, most of which the loaded models and maps then kept. Bounded, so a file of endless distinct values
/// cannot grow it; past the bound a text gets its own string, as before.
/// </summary>
public static class SharedStrings
{
    /// <summary>Longer texts are rarely repeated word for word (titles, purposes): not worth looking up.</summary>
    public const int MaxLength = 40;

    private const int MaxCount = 50_000;

    private static readonly SharedTable<string, string> s_strings = new(MaxCount, StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_strings.AlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The shared string equal to <paramref name="text"/> (a value read from YAML), or a new one; one longer than
    /// <see cref="MaxLength"/> is not looked up.</summary>
    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength) return text.ToString();
        if (s_lookup.TryGetValue(text, out var shared)) return shared;
        var made = text.ToString();
        return s_strings.Keep(made, made);
    }

    /// <summary>The shared string equal to <paramref name="text"/> (a path made while binding), or this one, now shared.</summary>
    public static string Get(string text) => s_strings.TryGet(text, out var shared) ? shared : s_strings.Keep(text, text);
}
