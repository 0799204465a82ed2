namespace DulaRegistry.Loading.YamlMistakes;

/// <summary>Writes a value in quotes the way a person would type it: double quotes, or single quotes when it holds a double quote.</summary>
public static class YamlQuoting
{
    public static string Quote(string value)
    {
        if (!value.Contains('"', StringComparison.Ordinal) && !value.Contains('\\', StringComparison.Ordinal)) return $"\"{value}\"";
        return $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
    }

    /// <summary>The text a drafter meant by <paramref name="value"/>: without the quotes around it when it starts and ends with the same one.</summary>
    public static string Meant(string value) =>
        value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;

    /// <summary>Shows a line of YAML in backticks; a line that is too long is not worth repeating whole.</summary>
    public static string Show(string line) => line.Length <= 120 ? $"`{line}`" : $"`{line[..117]}...`";
}
