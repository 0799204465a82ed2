using System.Text.RegularExpressions;

namespace DulaRegistry.Loading.YamlMistakes;

/// <summary><c>title:Wage match</c>: YAML needs a space after the colon of a key.</summary>
public sealed partial class MissingSpaceAfterColon : IYamlMistakeDetector
{
    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_-]*):(?<value>[^\s:/].*)$")]
    private static partial Regex Glued();

    public YamlMistake? Detect(YamlSourceLines lines, YamlSourceLine line)
    {
        if (!line.IsContent || line.Key is not null) return null;
        var body = line.Text[line.BodyColumn..].TrimEnd();
        if (Glued().Match(body) is not { Success: true } match) return null;
        var key = match.Groups["key"].Value;
        var corrected = $"{line.Lead}{key}: {match.Groups["value"].Value}";
        return new(line.Number, line.BodyColumn + key.Length + 2,
            $"there is no space after the colon in `{key}:`; YAML needs one between a key and its value: {YamlQuoting.Show(corrected)}");
    }
}
