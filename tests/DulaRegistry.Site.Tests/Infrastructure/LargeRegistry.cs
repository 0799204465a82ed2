namespace DulaRegistry.Site.Tests.Infrastructure;

/// <summary>A registry larger than one listing page: copies of one of the fixture's agreements (2023) added to a copy of it.</summary>
public static class LargeRegistry
{
    /// <summary>Writes <paramref name="count"/> copies of <c>DULA-2023-0004</c> into <paramref name="root"/>'s agreements,
    /// <c>DULA-2023-1000</c> onwards, each with its own id and service request number.</summary>
    public static void AddCopies(string root, int count)
    {
        var template = File.ReadAllText(Path.Combine(root, "agreements", "DULA-2023-0004.md"));
        for (var i = 0; i < count; i++)
        {
            var id = $"DULA-2023-{1000 + i}";
            File.WriteAllText(Path.Combine(root, "agreements", id + ".md"), template
                .Replace("id: DULA-2023-0004", "id: " + id, StringComparison.Ordinal)
                .Replace("RITM0021007", $"RITM09{i:D5}", StringComparison.Ordinal));
        }
    }
}
