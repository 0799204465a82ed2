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
                    context.Report(IdentityDiagnostics.UnknownSecretariat(
                        agency.Path, agency.Map["secretariat"], secretariat, AgencyNames.Correction(secretariat, context.Registry.AgencyById)));
                }
                else if (parent.Model.Kind != AgencyKind.Secretariat)
                {
                    context.Report(IdentityDiagnostics.NotASecretariat(agency.Path, agency.Map["secretariat"], secretariat, FrontMatterName(parent.Model.Kind)));
                }
                if (a.Kind == AgencyKind.Secretariat)
                {
                    context.Report(IdentityDiagnostics.SecretariatInSecretariat(agency.Path, agency.Map["secretariat"]));
                }
            }
            else if (a.Kind == AgencyKind.Agency && !agency.Map.IsInvalid("secretariat"))
            {
                context.Report(IdentityDiagnostics.NoSecretariat(agency.Path, agency.Map["kind"]));
            }

            for (var i = 0; i < a.LegalReviewers.Count; i++)
            {
                var reviewer = a.LegalReviewers[i];
                if (!IsGitHubOwner(reviewer))
                {
                    context.Report(FieldDiagnostics.LegalReviewerNotGitHubOwner(agency.Path, agency.Map[$"legal_reviewers[{i}]"], reviewer));
                }
            }
        }
    }

    private static string FrontMatterName(AgencyKind? kind) => Loading.FrontMatterBinder.EnumName(kind);

    /// <summary>A CODEOWNERS owner: <c>@user</c> or <c>@org/team</c>; the same check `registry codeowners` makes.</summary>
    public static bool IsGitHubOwner(string value) => CodeOwners.GitHubOwner.IsValid(value);
}
