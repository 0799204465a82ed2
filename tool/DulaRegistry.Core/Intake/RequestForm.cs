namespace DulaRegistry.Intake;

/// <summary>
/// The answers of a <c>request-dula</c> issue form (.github/ISSUE_TEMPLATE/request-dula.yml). GitHub writes them into the
/// issue body as <c>### &lt;label&gt;</c> headings, each followed by its answer; an optional field left empty reads
/// <c>_No response_</c>. Only the form's own labels start a section, so a <c>###</c> typed inside an answer stays part of it.
/// </summary>
public sealed record RequestForm
{
    /// <summary>The form's field labels, by field id. A test checks them against the form file.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["title"] = "Short title of the agreement",
        ["owners"] = "Data owner agencies",
        ["recipients"] = "Data recipient agencies",
        ["purpose"] = "Purpose",
        ["data"] = "Data requested",
        ["legal_authority"] = "Legal authority",
        ["contact"] = "Requesting contact",
    };

    public string? Title { get; init; }
    public string? Owners { get; init; }
    public string? Recipients { get; init; }
    public string? Purpose { get; init; }
    public string? Data { get; init; }
    public string? LegalAuthority { get; init; }
    public string? Contact { get; init; }

    /// <summary>The answers in <paramref name="body"/>; a field that is absent or left empty is null.</summary>
    public static RequestForm Parse(string? body)
    {
        var answers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in (body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal) && FieldOf(line[4..]) is { } field)
            {
                // A field that appears twice (an edited body) keeps its first answer.
                current = answers.ContainsKey(field) ? [] : answers[field] = [];
                continue;
            }
            current?.Add(line);
        }
        string? Answer(string field)
        {
            if (!answers.TryGetValue(field, out var lines)) return null;
            var text = string.Join('\n', lines).Trim();
            return text.Length == 0 || text == "_No response_" ? null : text;
        }
        return new RequestForm
        {
            Title = Answer("title"),
            Owners = Answer("owners"),
            Recipients = Answer("recipients"),
            Purpose = Answer("purpose"),
            Data = Answer("data"),
            LegalAuthority = Answer("legal_authority"),
            Contact = Answer("contact"),
        };
    }

    /// <summary>The required answers that are missing, by label.</summary>
    public IReadOnlyList<string> MissingRequired() =>
        [.. new (string Field, string? Value)[] { ("title", Title), ("owners", Owners), ("recipients", Recipients), ("purpose", Purpose), ("data", Data) }
            .Where(a => a.Value is null).Select(a => Labels[a.Field])];

    /// <summary>The names in an agency answer: separated by commas, semicolons or line breaks; list bullets and backticks dropped.</summary>
    public static IReadOnlyList<string> AgencyNames(string? answer) =>
        [.. (answer ?? "").Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.TrimStart('-', '*', ' ').Trim('`', ' ', '"', '\''))
            .Where(n => n.Length > 0)];

    /// <summary>Multi-line text as one line (the front matter's <c>purpose</c> is one line of plain text).</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split((char[])['\n', '\r', '\t', '\u2028', '\u2029'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => new string([.. l.Where(c => !char.IsControl(c))])));

    private static string? FieldOf(string heading)
    {
        var label = heading.Trim();
        return Labels.FirstOrDefault(l => string.Equals(l.Value, label, StringComparison.OrdinalIgnoreCase)).Key;
    }
}
