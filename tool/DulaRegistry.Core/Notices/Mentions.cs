using System.Text.RegularExpressions;
using DulaRegistry.Loading;

namespace DulaRegistry.Notices;

/// <summary>The GitHub handles to mention for a set of agencies: their Data Sharing Coordinators' <c>github</c> names.</summary>
public static partial class Mentions
{
    /// <summary><c>@name</c> for a GitHub user name (with or without its <c>@</c>); null when it is not one, so nothing else gets mentioned.</summary>
    public static string? Handle(string? login)
    {
        var name = (login ?? "").Trim().TrimStart('@');
        return LoginPattern().IsMatch(name) ? "@" + name : null;
    }

    /// <summary>Each agency's coordinators' handles, in party order, without duplicates.</summary>
    public static IReadOnlyList<string> Coordinators(LoadedRegistry registry, IEnumerable<string?> agencyIds)
    {
        var handles = new List<string>();
        foreach (var id in agencyIds)
        {
            if (id is null || !registry.AgencyById.TryGetValue(id, out var agency)) continue;
            foreach (var coordinator in agency.Model.Coordinators)
            {
                if (Handle(coordinator.Github) is { } handle && !handles.Contains(handle, StringComparer.OrdinalIgnoreCase)) handles.Add(handle);
            }
        }
        return handles;
    }

    /// <summary>Agencies with no coordinator handle to mention, so a notice can say who must be told another way.</summary>
    public static IReadOnlyList<string> Unreachable(LoadedRegistry registry, IEnumerable<string?> agencyIds) =>
        [.. agencyIds.OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(id => !registry.AgencyById.TryGetValue(id, out var agency) || !agency.Model.Coordinators.Any(c => Handle(c.Github) is not null))];

    // GitHub user names: letters, digits and single hyphens, not at either end, at most 39 characters.
    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$", RegexOptions.CultureInvariant)]
    private static partial Regex LoginPattern();
}
