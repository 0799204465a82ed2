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
            var severity = Lifecycle.AtLeast(status, AgreementStatus.InReview) ? Severity.Error : Severity.Warning;
            var file = agreement.Path;

            var comments = new List<(LeftoverCandidate Line, string Template)>();
            foreach (var leftover in leftovers)
            {
                var at = new SourcePosition(leftover.Line, leftover.Column);
                switch (leftover.Kind)
                {
                    case LeftoverKind.Placeholder:
                        context.Report(BodyDiagnostics.LeftoverPlaceholder(file, at, severity, status, leftover.Text));
                        break;
                    case LeftoverKind.Todo:
                        context.Report(BodyDiagnostics.LeftoverTodo(file, at, severity, status));
                        break;
                    case LeftoverKind.YamlComment when guidance.Source(leftover.Text) is { } template:
                        comments.Add((leftover, template));
                        break;
                    case LeftoverKind.BodyNote when guidance.Source(leftover.Text) is { } template:
                        context.Report(BodyDiagnostics.LeftoverGuidanceNote(file, at, severity, status, template, leftover.Text));
                        break;
                }
            }
            if (comments.Count == 0) continue;
            // The template's comments left in the front matter, as one finding at the first of them: a fresh draft keeps two
            // dozen, and one line that names them all is read, where two dozen warnings would hide the findings that matter.
            var (first, source) = comments[0];
            var firstAt = new SourcePosition(first.Line, first.Column);
            context.Report(comments.Count == 1
                ? BodyDiagnostics.LeftoverGuidanceComment(file, firstAt, severity, status, source)
                : BodyDiagnostics.LeftoverGuidanceComments(file, firstAt, severity, status, source, [.. comments.Select(c => c.Line.Line)]));
        }
    }
}
