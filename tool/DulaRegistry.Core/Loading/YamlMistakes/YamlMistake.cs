namespace DulaRegistry.Loading.YamlMistakes;

/// <summary>A mistake recognised on a line: where (1-based line within the YAML, 1-based column) and what to do, in plain words.</summary>
public sealed record YamlMistake(int Line, int Column, string Message);

/// <summary>Recognises one common mistake on a line that the YAML parser could not read.</summary>
public interface IYamlMistakeDetector
{
    /// <summary>The mistake on <paramref name="line"/>, or null when this detector does not recognise it there.</summary>
    YamlMistake? Detect(YamlSourceLines lines, YamlSourceLine line);
}
