using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Rules;

/// <summary>
/// Text left from the template: <c>{{placeholders}}</c>, the templates' guidance comments and quotes, and <c>TODO</c>.
/// A draft (<c>proposed</c>, <c>drafting</c>) may still hold them, so they are warnings there; from <c>in-review</c> on
/// the agreement is read as final text, and they are errors. A fresh <c>registry new</c> draft (at drafting) keeps the
/// template's comments as help, so it gets warnings only.
/// </summary>
public sealed class TemplateLeftoverRules : IRule
{
    public void Check(RuleContext context)
    {
        var guidance = TemplateGuidance.Read(context.Registry.Root);
        foreach (var agreement in context.Registry.Agreements)
        {
            var leftovers = agreement.Facts.Leftovers;
            if (leftovers.Count == 0) continue;
            var status = agreement.Model.Status;
            var final = Lifecycle.AtLeast(status, AgreementStatus.InReview);
            var severity = final ? Severity.Error : Severity.Warning;
            var tail = final
                ? $"; an agreement that is `{Loading.FrontMatterBinder.EnumName(status)}` must hold none"
                : "; none may remain once the agreement moves to `in-review`";
            void Report(int line, int column, string message) =>
                context.Report(agreement.Path, DiagnosticCodes.TemplateLeftover, severity, line, column, message + tail);

            var comments = new List<(LeftoverCandidate Line, string Template)>();
            foreach (var leftover in leftovers)
            {
                switch (leftover.Kind)
                {
                    case LeftoverKind.Placeholder:
                        Report(leftover.Line, leftover.Column, $"`{leftover.Text}` is a placeholder from the template; replace it with the real value");
                        break;
                    case LeftoverKind.Todo:
                        Report(leftover.Line, leftover.Column, "`TODO` is left in the agreement; finish what it marks and remove it");
                        break;
                    case LeftoverKind.YamlComment when guidance.Source(leftover.Text) is { } template:
                        comments.Add((leftover, template));
                        break;
                    case LeftoverKind.BodyNote when guidance.Source(leftover.Text) is { } template:
                        Report(leftover.Line, leftover.Column, $"this is the template's guidance from `{template}` ({Shorten(leftover.Text)}); replace it with the agreement's own text");
                        break;
                }
            }
            if (comments.Count > 0) ReportComments(comments, Report);
        }
    }

    /// <summary>
    /// The template's comments left in the front matter, as one finding at the first of them: a fresh draft keeps two dozen,
    /// and one line that names them all is read, where two dozen warnings would hide the findings that matter.
    /// </summary>
    private static void ReportComments(List<(LeftoverCandidate Line, string Template)> comments, Action<int, int, string> report)
    {
        var (first, template) = comments[0];
        if (comments.Count == 1)
        {
            report(first.Line, first.Column, $"this line is a guidance comment from `{template}`; delete it once the field is filled in");
            return;
        }
        var runs = new List<string>();
        for (var i = 0; i < comments.Count; i++)
        {
            var start = comments[i].Line.Line;
            while (i + 1 < comments.Count && comments[i + 1].Line.Line == comments[i].Line.Line + 1) i++;
            var end = comments[i].Line.Line;
            runs.Add(start == end ? $"{start}" : $"{start}-{end}");
        }
        var lines = runs.Count == 1 ? runs[0] : string.Join(", ", runs.Take(runs.Count - 1)) + " and " + runs[^1];
        report(first.Line, first.Column,
            $"guidance comments from `{template}` are left in the front matter, on lines {lines}; delete them once the fields are filled in");
    }

    /// <summary>The start of a guidance line, quoted; backticks in it would break the message's own quoting.</summary>
    private static string Shorten(string s)
    {
        s = s.Replace('`', '\'');
        return "\"" + (s.Length <= 60 ? s : s[..60] + "…") + "\"";
    }
}
