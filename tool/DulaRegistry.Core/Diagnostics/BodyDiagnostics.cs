using DulaRegistry.Loading;
using DulaRegistry.Model;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Diagnostics;

/// <summary>The diagnostics of the Markdown body: DULA060-063.</summary>
public static class BodyDiagnostics
{
    /// <summary>DULA060: a heading that is a misspelling of the required <paramref name="title"/>, at the heading.</summary>
    [DiagnosticFactory(C.MissingSection)]
    public static Diagnostic MisspelledSection(string file, int line, string heading, string title) =>
        DiagnosticFactory.Create(C.MissingSection, file, new(line, 1), $"the heading `## {heading}` is not one of the required sections; did you mean `## {title}`?");

    /// <summary>DULA060: at the start of the body.</summary>
    [DiagnosticFactory(C.MissingSection)]
    public static Diagnostic MissingSection(string file, int line, string title) =>
        DiagnosticFactory.Create(C.MissingSection, file, new(line, 1), $"the body has no `## {title}` section; add it (see `templates/dula.md`)");

    /// <summary>DULA061: a block of HTML.</summary>
    [DiagnosticFactory(C.RawHtml)]
    public static Diagnostic HtmlBlock(string file, SourcePosition at) =>
        DiagnosticFactory.Create(C.RawHtml, file, at,
            "raw HTML is not allowed in the body; write Markdown instead (headings with `##`, lists with `-`, links with `[text](https://...)`)");

    /// <summary>DULA061: an HTML tag inside a line.</summary>
    [DiagnosticFactory(C.RawHtml)]
    public static Diagnostic HtmlInline(string file, SourcePosition at, string html) =>
        DiagnosticFactory.Create(C.RawHtml, file, at, $"raw HTML `{Shorten(html)}` is not allowed in the body; write Markdown instead");

    /// <summary>DULA062.</summary>
    [DiagnosticFactory(C.UnsafeLink)]
    public static Diagnostic UnsafeLink(string file, SourcePosition at, string link) =>
        DiagnosticFactory.Create(C.UnsafeLink, file, at,
            $"the link `{Shorten(link)}` uses a scheme that can run code or hide content; link only to `https:`, `http:` or `mailto:` addresses");

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    // DULA063, text left from the template. Its severity depends on the agreement's status, so each factory takes it:
    // a warning while `proposed` or `drafting`, an error from `in-review` on (then the message names the status).

    /// <summary>DULA063: a <c>{{placeholder}}</c>.</summary>
    /// <param name="severity">Warning before <c>in-review</c>, error from it on.</param>
    /// <param name="status">The agreement's status, named in the message when <paramref name="severity"/> is an error.</param>
    [DiagnosticFactory(C.TemplateLeftover)]
    public static Diagnostic LeftoverPlaceholder(string file, SourcePosition at, Severity severity, AgreementStatus? status, string placeholder) =>
        Leftover(file, at, severity, status, $"`{placeholder}` is a placeholder from the template; replace it with the real value");

    /// <summary>DULA063: a <c>TODO</c>.</summary>
    /// <param name="severity">Warning before <c>in-review</c>, error from it on.</param>
    /// <param name="status">The agreement's status, named in the message when <paramref name="severity"/> is an error.</param>
    [DiagnosticFactory(C.TemplateLeftover)]
    public static Diagnostic LeftoverTodo(string file, SourcePosition at, Severity severity, AgreementStatus? status) =>
        Leftover(file, at, severity, status, "`TODO` is left in the agreement; finish what it marks and remove it");

    /// <summary>DULA063: a guidance quote or comment of <paramref name="template"/> in the body; <paramref name="text"/> is its text.</summary>
    /// <param name="severity">Warning before <c>in-review</c>, error from it on.</param>
    /// <param name="status">The agreement's status, named in the message when <paramref name="severity"/> is an error.</param>
    [DiagnosticFactory(C.TemplateLeftover)]
    public static Diagnostic LeftoverGuidanceNote(string file, SourcePosition at, Severity severity, AgreementStatus? status, string template, string text) =>
        Leftover(file, at, severity, status,
            $"this is the template's guidance from `{template}` ({ShortenGuidance(text)}); replace it with the agreement's own text");

    /// <summary>DULA063: one guidance comment of <paramref name="template"/> in the front matter.</summary>
    /// <param name="severity">Warning before <c>in-review</c>, error from it on.</param>
    /// <param name="status">The agreement's status, named in the message when <paramref name="severity"/> is an error.</param>
    [DiagnosticFactory(C.TemplateLeftover)]
    public static Diagnostic LeftoverGuidanceComment(string file, SourcePosition at, Severity severity, AgreementStatus? status, string template) =>
        Leftover(file, at, severity, status, $"this line is a guidance comment from `{template}`; delete it once the field is filled in");

    /// <summary>DULA063: several guidance comments of <paramref name="template"/> in the front matter, as one finding at the first.</summary>
    /// <param name="severity">Warning before <c>in-review</c>, error from it on.</param>
    /// <param name="status">The agreement's status, named in the message when <paramref name="severity"/> is an error.</param>
    /// <param name="lines">The lines the comments are on, in order; runs of consecutive lines are written as ranges.</param>
    [DiagnosticFactory(C.TemplateLeftover)]
    public static Diagnostic LeftoverGuidanceComments(
        string file, SourcePosition at, Severity severity, AgreementStatus? status, string template, IReadOnlyList<int> lines)
    {
        var runs = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var start = lines[i];
            while (i + 1 < lines.Count && lines[i + 1] == lines[i] + 1) i++;
            var end = lines[i];
            runs.Add(start == end ? $"{start}" : $"{start}-{end}");
        }
        var listed = runs.Count == 1 ? runs[0] : string.Join(", ", runs.Take(runs.Count - 1)) + " and " + runs[^1];
        return Leftover(file, at, severity, status,
            $"guidance comments from `{template}` are left in the front matter, on lines {listed}; delete them once the fields are filled in");
    }

    private static Diagnostic Leftover(string file, SourcePosition at, Severity severity, AgreementStatus? status, string message) =>
        DiagnosticFactory.Create(C.TemplateLeftover, severity, file, at, message + (severity == Severity.Error
            ? $"; an agreement that is `{FrontMatterBinder.EnumName(status)}` must hold none"
            : "; none may remain once the agreement moves to `in-review`"));

    /// <summary>The start of a guidance line, quoted; backticks in it would break the message's own quoting.</summary>
    private static string ShortenGuidance(string s)
    {
        s = s.Replace('`', '\'');
        return "\"" + (s.Length <= 60 ? s : s[..60] + "…") + "\"";
    }
}
