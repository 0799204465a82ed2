namespace DulaRegistry.Loading.YamlMistakes;

/// <summary><c>title: Child care: subsidy eligibility check</c>: a second <c>: </c> reads as another key, so the value needs quotes.</summary>
public sealed class ColonInValue : IYamlMistakeDetector
{
    public YamlMistake? Detect(YamlSourceLines lines, YamlSourceLine line)
    {
        var value = line.Value;
        if (line.Key is null || value.Length == 0 || value[0] is '"' or '\'' or '[' or '{') return null;
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        var text = comment < 0 ? value : value[..comment];
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 && !text.EndsWith(':')) return null;
        return new(line.Number, line.ValueColumn + 1 + (colon < 0 ? text.Length - 1 : colon),
            $"the value of `{line.Key}` contains a colon followed by a space, which YAML reads as the start of another key; " +
            $"put the whole value in quotes: {YamlQuoting.Show(line.WithValue(YamlQuoting.Quote(value)))}");
    }
}
