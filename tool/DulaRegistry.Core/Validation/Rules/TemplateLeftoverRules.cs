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
                : "; it must be gone before the agreement moves to `in-review`";
            void Report(int line, int column, string message) =>
                context.Report(agreement.Path, DiagnosticCodes.TemplateLeftover, severity, line, column, message + tail);

            for (var i = 0; i < leftovers.Count; i++)
            {
                var leftover = leftovers[i];
                switch (leftover.Kind)
                {
                    case LeftoverKind.Placeholder:
                        Report(leftover.Line, leftover.Column, $"`{leftover.Text}` is a placeholder from the template; replace it with the real value");
                        break;
                    case LeftoverKind.Todo:
                        Report(leftover.Line, leftover.Column, "`TODO` is left in the agreement; finish what it marks and remove it");
                        break;
                    case LeftoverKind.YamlComment when guidance.Source(leftover.Text) is { } template:
                        {
                            // A run of the template's comment lines is one leftover: reported once, at its first line.
                            var last = leftover.Line;
                            while (i + 1 < leftovers.Count && leftovers[i + 1] is { Kind: LeftoverKind.YamlComment } next
                                && next.Line == last + 1 && guidance.Source(next.Text) is not null)
                            {
                                last = next.Line;
                                i++;
                            }
                            var lines = last == leftover.Line ? $"this line is a guidance comment" : $"lines {leftover.Line}-{last} are guidance comments";
                            Report(leftover.Line, leftover.Column, $"{lines} from `{template}` (`{Shorten(leftover.Text)}`); delete them once the fields are filled in");
                            break;
                        }
                    case LeftoverKind.BodyNote when guidance.Source(leftover.Text) is { } template:
                        Report(leftover.Line, leftover.Column, $"this is the template's guidance from `{template}` (`{Shorten(leftover.Text)}`); replace it with the agreement's own text");
                        break;
                }
            }
        }
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
