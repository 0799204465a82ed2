using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace DulaRegistry.Scaffolding;

/// <summary>
/// Agreement numbers: <c>&lt;prefix&gt;-&lt;year&gt;-&lt;number&gt;</c>. Numbers run on across years and are never reused,
/// so the next one is one more than the highest used by any id of any year, wherever it was seen.
/// </summary>
public static partial class IdAllocator
{
    /// <summary>Numbers are written with at least this many digits.</summary>
    public const int MinDigits = 4;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*-[0-9]{4}-(?<number>[0-9]+)(\.md)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    /// <summary>One more than the highest number among <paramref name="idsOrFileNames"/> (ids or <c>&lt;id&gt;.md</c> names); 1 when there is none.</summary>
    public static BigInteger Next(IEnumerable<string> idsOrFileNames)
    {
        var highest = BigInteger.Zero;
        foreach (var name in idsOrFileNames)
        {
            // Numbers are compared as numbers (0010 > 0009, 10000 > 9999) and may outgrow any fixed-size integer.
            if (IdPattern().Match(name) is { Success: true } match
                && BigInteger.TryParse(match.Groups["number"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && number > highest)
            {
                highest = number;
            }
        }
        return highest + 1;
    }

    public static string Format(string prefix, int year, BigInteger number) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year:D4}-{number.ToString(CultureInfo.InvariantCulture).PadLeft(MinDigits, '0')}");
}
