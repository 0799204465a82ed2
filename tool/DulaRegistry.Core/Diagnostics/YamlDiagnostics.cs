using DulaRegistry.Loading;
using DulaRegistry.Loading.YamlMistakes;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Diagnostics;

/// <summary>The diagnostics of reading the front matter's YAML: DULA006-009 and DULA016 (and a body nested too deeply, DULA009).</summary>
public static class YamlDiagnostics
{
    /// <summary>DULA006: a <c>%</c> directive line.</summary>
    [DiagnosticFactory(C.YamlSyntax)]
    public static Diagnostic Directive(string file, int line) =>
        DiagnosticFactory.Create(C.YamlSyntax, file, new(line, 1),
            "a line starting with `%` is a YAML directive, which a registry file never needs; remove it, or put the value in quotes");

    /// <summary>DULA006: the parser stopped without an exception and no common mistake explains it.</summary>
    [DiagnosticFactory(C.YamlSyntax)]
    public static Diagnostic UnreadableFromHere(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.YamlSyntax, file, at,
            "the front matter cannot be read from here on; check this line and the one before for an unclosed `[`, `{` or quote, for indentation, and for a space after each colon");

    /// <summary>DULA006: a tab used for indentation.</summary>
    /// <param name="corrected">The line with the tab replaced by the spaces it needs.</param>
    [DiagnosticFactory(C.YamlSyntax)]
    public static Diagnostic TabIndent(string file, int line, string corrected) =>
        DiagnosticFactory.Create(C.YamlSyntax, file, new(line, 1),
            $"a tab character is used for indentation; YAML allows only spaces: replace the tab with spaces, lined up with the keys around it: {YamlQuoting.Show(corrected)}");

    /// <summary>DULA006: a common mistake, named in plain words by a detector of <see cref="YamlMistakeFinder"/>.</summary>
    /// <param name="mistake">The detector's finding: where, and its words with the corrected line (each detector words its own mistake).</param>
    [DiagnosticFactory(C.YamlSyntax)]
    public static Diagnostic Mistake(string file, int lineOffset, YamlMistake mistake) =>
        DiagnosticFactory.Create(C.YamlSyntax, file, new(mistake.Line + lineOffset, mistake.Column), mistake.Message);

    /// <summary>DULA006: the last resort, a plain sentence first and the parser's own words after it.</summary>
    [DiagnosticFactory(C.YamlSyntax)]
    public static Diagnostic NotKeyValue(string file, SourcePosition at, string parserSays) =>
        DiagnosticFactory.Create(C.YamlSyntax, file, at,
            $"this line cannot be read as `key: value`; check its indentation (spaces, lined up with the keys around it), the space after each colon, and its quotes (the YAML reader says: {parserSays})");

    /// <summary>DULA006: a second <c>---</c> document in the front matter.</summary>
    [DiagnosticFactory(C.YamlSyntax)]
    public static Diagnostic MoreThanOneDocument(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.YamlSyntax, file, at, "the front matter holds more than one YAML document; remove the extra `---` line");

    /// <summary>DULA007.</summary>
    [DiagnosticFactory(C.DuplicateKey)]
    public static Diagnostic DuplicateKey(string file, SourcePosition at, string key, int firstLine) =>
        DiagnosticFactory.Create(C.DuplicateKey, file, at, $"the key `{key}` appears twice (first on line {firstLine}); keep one and delete the other");

    /// <summary>DULA008: an alias.</summary>
    /// <param name="corrected">The line with its value in quotes, when the <c>*</c> may be part of the text; else null.</param>
    [DiagnosticFactory(C.AliasNotAllowed)]
    public static Diagnostic Alias(string file, SourcePosition at, string alias, string? corrected) =>
        DiagnosticFactory.Create(C.AliasNotAllowed, file, at, $"the YAML alias `*{alias}` is not allowed; write the value out in full" + AsText('*', corrected));

    /// <summary>DULA008: an anchor.</summary>
    /// <param name="corrected">The line with its value in quotes, when the <c>&amp;</c> may be part of the text; else null.</param>
    [DiagnosticFactory(C.AliasNotAllowed)]
    public static Diagnostic Anchor(string file, SourcePosition at, string anchor, string? corrected) =>
        DiagnosticFactory.Create(C.AliasNotAllowed, file, at, $"the YAML anchor `&{anchor}` is not allowed; write values out in full" + AsText('&', corrected));

    /// <summary>DULA008: a tag.</summary>
    /// <param name="corrected">The line with its value in quotes, when the <c>!</c> may be part of the text; else null.</param>
    [DiagnosticFactory(C.AliasNotAllowed)]
    public static Diagnostic Tag(string file, SourcePosition at, string tag, string? corrected) =>
        DiagnosticFactory.Create(C.AliasNotAllowed, file, at, $"the YAML tag `{tag}` is not allowed; write a plain value" + AsText('!', corrected));

    private static string AsText(char mark, string? corrected) =>
        corrected is null ? "" : $"; if `{mark}` is part of the text, put the whole value in quotes: {YamlQuoting.Show(corrected)}";

    /// <summary>DULA009: YAML nested deeper than <paramref name="maxDepth"/>.</summary>
    [DiagnosticFactory(C.TooDeep)]
    public static Diagnostic YamlTooDeep(string file, SourcePosition at, int maxDepth) =>
        DiagnosticFactory.Create(C.TooDeep, file, at, $"the YAML is nested more than {maxDepth} levels deep; a registry file never needs that");

    /// <summary>DULA009: one line of the body nests more than <paramref name="maxDepth"/> quotes or list items.</summary>
    [DiagnosticFactory(C.TooDeep)]
    public static Diagnostic BodyLineTooDeep(string file, int line, int maxDepth) =>
        DiagnosticFactory.Create(C.TooDeep, file, new(line, 1),
            $"this line of the body nests more than {maxDepth} quotes or list items inside each other; a registry file never needs that");

    /// <summary>DULA009: one paragraph of the body holds more than <paramref name="maxBrackets"/> <c>[</c>.</summary>
    [DiagnosticFactory(C.TooDeep)]
    public static Diagnostic BodyTooManyBrackets(string file, int line, int maxBrackets) =>
        DiagnosticFactory.Create(C.TooDeep, file, new(line, 1),
            $"this paragraph of the body holds more than {maxBrackets:N0} `[` (links or brackets); a registry file never needs that, so split or shorten it");

    /// <summary>DULA009: Markdig's own nesting limit, for nesting spread over several lines or inside a line.</summary>
    [DiagnosticFactory(C.TooDeep)]
    public static Diagnostic BodyTooDeep(string file, int line) =>
        DiagnosticFactory.Create(C.TooDeep, file, new(line, 1),
            "the body nests quotes, lists, links or brackets too deeply inside each other; a registry file never needs that");

    /// <summary>DULA016.</summary>
    [DiagnosticFactory(C.TooManyValues)]
    public static Diagnostic TooManyValues(string file, SourcePosition at, int maxNodes) =>
        DiagnosticFactory.Create(C.TooManyValues, file, at,
            $"the front matter holds more than {maxNodes:N0} keys, values and list items from here on; a registry file never needs that many, so split it up");
}
