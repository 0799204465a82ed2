namespace DulaRegistry.Validation;

/// <summary>
/// The front-matter paths of list items (<c>parties[0]</c>, <c>data[2]</c>), the first sixteen of each list made once: the
/// rules ask for them on every agreement of every build, and most are never reported.
/// </summary>
internal static class ItemPaths
{
    private const int Kept = 16;

    private static readonly string[] s_parties = Make("parties");
    private static readonly string[] s_signatures = Make("signatures");
    private static readonly string[] s_data = Make("data");

    /// <summary><c>parties[i]</c>.</summary>
    public static string Party(int i) => Of("parties", s_parties, i);

    /// <summary><c>signatures[i]</c>.</summary>
    public static string Signature(int i) => Of("signatures", s_signatures, i);

    /// <summary><c>data[i]</c>.</summary>
    public static string Data(int i) => Of("data", s_data, i);

    private static string[] Make(string list) => [.. Enumerable.Range(0, Kept).Select(i => $"{list}[{i}]")];

    private static string Of(string list, string[] kept, int i) => i < kept.Length ? kept[i] : $"{list}[{i}]";
}
