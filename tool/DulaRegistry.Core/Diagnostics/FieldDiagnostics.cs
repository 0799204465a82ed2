using DulaRegistry.Loading;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Diagnostics;

/// <summary>The diagnostics of the front matter's keys and values against schema v1: DULA010-013.</summary>
public static class FieldDiagnostics
{
    /// <summary>DULA010: a key the schema does not define, with the likeliest intended key or, failing one, every allowed key.</summary>
    /// <param name="path">The path of the mapping that holds the key; empty at the root.</param>
    [DiagnosticFactory(C.UnknownKey)]
    public static Diagnostic UnknownKey(string file, SourcePosition at, string key, string path, string? hint, IEnumerable<string> allowed) =>
        DiagnosticFactory.Create(C.UnknownKey, file, at,
            $"unknown key `{(key.Length <= 60 ? key : key[..60] + "…")}` {(path.Length == 0 ? "here" : $"in `{path}`")}" + (hint is null
                ? $"; allowed keys are: {string.Join(", ", allowed)}"
                : $"; did you mean `{hint}`?"));

    /// <summary>DULA011: a key that is a list or mapping.</summary>
    [DiagnosticFactory(C.WrongType)]
    public static Diagnostic KeyNotText(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.WrongType, file, at, "a key must be plain text, not a list or mapping");

    /// <summary>DULA011: the front matter is a list or a single value.</summary>
    [DiagnosticFactory(C.WrongType)]
    public static Diagnostic FrontMatterNotMapping(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.WrongType, file, at, "the front matter must be keys and values (such as `id: ...`), not a list or a single value");

    /// <summary>DULA011: a list or mapping where text belongs.</summary>
    [DiagnosticFactory(C.WrongType)]
    public static Diagnostic MustBeText(string file, SourcePosition at, string path, YNode found) =>
        DiagnosticFactory.Create(C.WrongType, file, at, $"`{path}` must be text, not {Kind(found)}");

    /// <summary>DULA011: something else where a list belongs.</summary>
    [DiagnosticFactory(C.WrongType)]
    public static Diagnostic MustBeList(string file, SourcePosition at, string path, YNode found) =>
        DiagnosticFactory.Create(C.WrongType, file, at, $"`{path}` must be a list, not {Kind(found)}; write `[first, second]` or put each item on its own line starting with `- `");

    /// <summary>DULA011: something else where a mapping belongs; <paramref name="keys"/> are the mapping's keys, the first two shown as an example.</summary>
    [DiagnosticFactory(C.WrongType)]
    public static Diagnostic MustBeMapping(string file, SourcePosition at, string path, IEnumerable<string> keys, YNode found) =>
        DiagnosticFactory.Create(C.WrongType, file, at,
            $"`{path}` must be a mapping of keys and values (such as `{path.Split('.', '[')[^1]}: {{ {string.Join(", ", keys.Take(2).Select(k => k + ": ..."))} }}`), not {Kind(found)}");

    /// <summary>DULA011: a list or mapping where a single value belongs.</summary>
    [DiagnosticFactory(C.WrongType)]
    public static Diagnostic MustBeSingleValue(string file, SourcePosition at, string path, YNode found) =>
        DiagnosticFactory.Create(C.WrongType, file, at, $"`{path}` must be a single value, not {Kind(found)}");

    private static string Kind(YNode node) => node switch
    {
        YMapping => "a mapping",
        YSequence => "a list",
        _ => "text",
    };

    /// <summary>DULA012: a date that does not parse.</summary>
    [DiagnosticFactory(C.InvalidValue)]
    public static Diagnostic NotADate(string file, SourcePosition at, string path, string raw) =>
        DiagnosticFactory.Create(C.InvalidValue, file, at, $"`{path}` ({raw}) is not a calendar date; write YYYY-MM-DD, such as 2026-07-01");

    /// <summary>DULA012: a number that does not parse.</summary>
    [DiagnosticFactory(C.InvalidValue)]
    public static Diagnostic NotAWholeNumber(string file, SourcePosition at, string path, string raw) =>
        DiagnosticFactory.Create(C.InvalidValue, file, at, $"`{path}` ({raw}) must be a whole number of 0 or more");

    /// <summary>DULA012: a value outside its allowed set, with the likeliest intended value when there is one.</summary>
    [DiagnosticFactory(C.InvalidValue)]
    public static Diagnostic NotAllowedValue(string file, SourcePosition at, string path, string raw, string? hint, IEnumerable<string> allowed) =>
        DiagnosticFactory.Create(C.InvalidValue, file, at,
            $"`{path}` ({raw}) is not an allowed value" + (hint is null ? "" : $"; did you mean `{hint}`?") + $" Allowed: {string.Join(", ", allowed)}");

    /// <summary>DULA012: a <c>legal_reviewers</c> entry that is not a GitHub user or team, as the validator words it.</summary>
    [DiagnosticFactory(C.InvalidValue)]
    public static Diagnostic LegalReviewerNotGitHubOwner(string file, SourcePosition at, string reviewer) =>
        DiagnosticFactory.Create(C.InvalidValue, file, at, $"`legal_reviewers` entry `{reviewer}` must be a GitHub user (`@name`) or team (`@org/team`)");

    /// <summary>DULA012: the same, as `registry codeowners` words it (it names what GitHub would do).</summary>
    /// <param name="printable">The entry made safe to print on one line.</param>
    [DiagnosticFactory(C.InvalidValue)]
    public static Diagnostic LegalReviewerNotInCodeOwners(string file, SourcePosition at, string printable) =>
        DiagnosticFactory.Create(C.InvalidValue, file, at,
            $"`legal_reviewers` entry `{printable}` must be {CodeOwners.GitHubOwner.Expected}; GitHub would ignore every CODEOWNERS line that names it");

    /// <summary>DULA012: a regulation that is not a lowercase short name.</summary>
    [DiagnosticFactory(C.InvalidValue)]
    public static Diagnostic RegulationNotShortName(string file, SourcePosition at, string regulation) =>
        DiagnosticFactory.Create(C.InvalidValue, file, at,
            $"regulation `{regulation}` must be a lowercase short name such as hipaa, ferpa, 42-cfr-part-2, irs-pub-1075 or cjis");

    /// <summary>DULA013: a front matter of only comments or blank lines.</summary>
    [DiagnosticFactory(C.MissingField)]
    public static Diagnostic FrontMatterEmpty(string file) =>
        DiagnosticFactory.Create(C.MissingField, file, SourcePosition.Start, "the front matter is empty; fill in the fields (start from `templates/`)");

    /// <summary>DULA013: a required text field that is absent or blank.</summary>
    [DiagnosticFactory(C.MissingField)]
    public static Diagnostic Required(string file, SourcePosition at, string key) =>
        DiagnosticFactory.Create(C.MissingField, file, at, $"`{key}` is required and must not be empty");

    /// <summary>DULA013: an agency's <c>kind</c>.</summary>
    [DiagnosticFactory(C.MissingField)]
    public static Diagnostic KindRequired(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.MissingField, file, at, "`kind` is required: one of secretariat, agency, office, quasi-independent");

    /// <summary>DULA013: an agreement's <c>status</c>.</summary>
    [DiagnosticFactory(C.MissingField)]
    public static Diagnostic StatusRequired(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.MissingField, file, at, "`status` is required: start with `proposed`");

    /// <summary>DULA013: an agreement's <c>framework</c>.</summary>
    [DiagnosticFactory(C.MissingField)]
    public static Diagnostic FrameworkRequired(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.MissingField, file, at, "`framework` is required: `mou` for agreements under the statewide MOU, `legacy` for older ones");

    /// <summary>DULA013: an agreement's <c>parties</c>.</summary>
    [DiagnosticFactory(C.MissingField)]
    public static Diagnostic PartiesRequired(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.MissingField, file, at, "`parties` is required: list each agency with its `role` (owner, recipient or both)");

    /// <summary>DULA013: an agreement's <c>data</c>.</summary>
    [DiagnosticFactory(C.MissingField)]
    public static Diagnostic DataRequired(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.MissingField, file, at, "`data` is required: list each data set shared, with `from`, `to` and `classification`");

    /// <summary>DULA013: a party's <c>role</c>; <paramref name="path"/> is the party's, such as <c>parties[0]</c>.</summary>
    [DiagnosticFactory(C.MissingField)]
    public static Diagnostic PartyRoleRequired(string file, SourcePosition at, string path) =>
        DiagnosticFactory.Create(C.MissingField, file, at, $"`{path}.role` is required: owner, recipient or both");

    /// <summary>DULA013: a party's <c>agency</c>; <paramref name="path"/> is the party's.</summary>
    [DiagnosticFactory(C.MissingField)]
    public static Diagnostic PartyAgencyRequired(string file, SourcePosition at, string path) =>
        DiagnosticFactory.Create(C.MissingField, file, at, $"`{path}.agency` is required: the id of an agency file, such as `dor`");

    /// <summary>DULA013: a field of a data item; <paramref name="path"/> is the item's, such as <c>data[0]</c>.</summary>
    [DiagnosticFactory(C.MissingField)]
    public static Diagnostic DataItemFieldRequired(string file, SourcePosition at, string path, DataItemField field) =>
        DiagnosticFactory.Create(C.MissingField, file, at, $"`{path}.{FrontMatterBinder.EnumName(field)}` is required: " + field switch
        {
            DataItemField.Name => "a short name for the data set",
            DataItemField.From => "the id of the party that owns and sends the data",
            DataItemField.To => "the ids of the parties that receive the data, as a list",
            DataItemField.Classification => "pii, protected, deidentified or public",
            _ => "list the data elements shared (such as SSN, name, date of birth)",
        });
}

/// <summary>The fields of a data item that <see cref="FieldDiagnostics.DataItemFieldRequired"/> can name.</summary>
public enum DataItemField
{
    Name,
    From,
    To,
    Classification,
    Elements,
}
