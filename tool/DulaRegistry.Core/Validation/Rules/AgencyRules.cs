using DulaRegistry.Diagnostics;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Rules;

/// <summary>Agency files: secretariat membership and reviewer handles.</summary>
public sealed class AgencyRules : IRule
{
    public void Check(RuleContext context)
    {
        foreach (var agency in context.Registry.Agencies)
        {
            var a = agency.Model;
            if (a.Secretariat is { Length: > 0 } secretariat)
            {
                if (!context.Registry.AgencyById.TryGetValue(secretariat, out var parent))
                {
                    context.Report(agency, DiagnosticCodes.UnknownAgency, "secretariat",
                        AgencyNames.Correction(secretariat, context.Registry.AgencyById) is { } correction
                            ? $"`secretariat`: {correction}"
                            : $"`secretariat` names `{secretariat}`, but there is no `agencies/{secretariat}.md`; use the id of an existing secretariat");
                }
                else if (parent.Model.Kind != AgencyKind.Secretariat)
                {
                    context.Report(agency, DiagnosticCodes.Secretariat, "secretariat",
                        $"`secretariat` names `{secretariat}`, which is not a secretariat (its `kind` is `{FrontMatterName(parent.Model.Kind)}`)");
                }
                if (a.Kind == AgencyKind.Secretariat)
                {
                    context.Report(agency, DiagnosticCodes.Secretariat, "secretariat", "a secretariat does not belong to another secretariat; remove `secretariat`");
                }
            }
            else if (a.Kind == AgencyKind.Agency && !agency.Map.IsInvalid("secretariat"))
            {
                context.Report(agency, DiagnosticCodes.NoSecretariat, "kind",
                    "an agency of `kind: agency` should name its secretariat (`secretariat: <id>`) so the site can group it; the site lists it under \"Outside a secretariat\" until then");
            }

            for (var i = 0; i < a.LegalReviewers.Count; i++)
            {
                var reviewer = a.LegalReviewers[i];
                if (!IsGitHubOwner(reviewer))
                {
                    context.Report(agency, DiagnosticCodes.InvalidValue, $"legal_reviewers[{i}]",
                        $"`legal_reviewers` entry `{reviewer}` must be a GitHub user (`@name`) or team (`@org/team`)");
                }
            }
        }
    }

    private static string FrontMatterName(AgencyKind? kind) => Loading.FrontMatterBinder.EnumName(kind);

    /// <summary>A CODEOWNERS owner: <c>@user</c> or <c>@org/team</c>; the same check `registry codeowners` makes.</summary>
    public static bool IsGitHubOwner(string value) => CodeOwners.GitHubOwner.IsValid(value);
}
