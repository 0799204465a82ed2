using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Validation.Rules;

/// <summary>
/// Which agency a drafter meant by an id that names none: written as its acronym (<c>DTA</c>), its name
/// ("Department of Transitional Assistance") or its id in capitals, or misspelled (<c>dtaa</c>).
/// </summary>
public static class AgencyNames
{
    /// <summary>The agency <paramref name="written"/> most likely means, or null when nothing is close.</summary>
    public static Agency? Meant(string written, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies) =>
        Find(written, agencies).Agency;

    /// <summary>The agency meant, and whether it was written exactly (only in other capitals, or as its acronym or name).</summary>
    private static (Agency? Agency, bool Exact) Find(string written, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies)
    {
        var key = Normalize(written);
        if (key.Length == 0) return (null, false);
        var models = agencies.Values.Select(a => a.Model).Where(a => a.Id is { Length: > 0 }).ToList();
        // Exact, ignoring case and spacing: the id, then the acronym, then the name.
        foreach (var pick in new Func<Agency, string?>[] { a => a.Id, a => a.Acronym, a => a.Name })
        {
            if (models.FirstOrDefault(a => pick(a) is { } v && Normalize(v) == key) is { } exact) return (exact, true);
        }
        // Close misspellings of any of the three.
        var byForm = new Dictionary<string, Agency>(StringComparer.Ordinal);
        foreach (var agency in models)
        {
            foreach (var form in new[] { agency.Id, agency.Acronym, agency.Name })
            {
                if (form is { Length: > 0 }) byForm.TryAdd(Normalize(form), agency);
            }
        }
        return (FrontMatterBinder.Suggest(key, byForm.Keys) is { } near ? byForm[near] : null, false);
    }

    /// <summary>
    /// "`DTA` is not an agency id; use `dta` (Department of Transitional Assistance)" for an acronym, name or id in other
    /// capitals; "`dtaa` is not an agency id; did you mean `dta` (Department of Transitional Assistance)?" for a
    /// misspelling; null when no agency is meant.
    /// </summary>
    public static string? Correction(string written, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies)
    {
        var (agency, exact) = Find(written, agencies);
        if (agency is null) return null;
        var name = string.IsNullOrWhiteSpace(agency.Name) || agency.Name == agency.Id ? "" : $" ({agency.Name})";
        return exact ? $"`{written}` is not an agency id; use `{agency.Id}`{name}" : $"`{written}` is not an agency id; did you mean `{agency.Id}`{name}?";
    }

    /// <summary>The ids the unknown parties of an agreement most likely mean: a data flow or signature naming one of them
    /// repeats the party's mistake, which is reported on the party alone.</summary>
    public static HashSet<string> MeantByUnknownParties(Agreement agreement, IReadOnlyDictionary<string, RegistryDocument<Agency>> agencies)
    {
        var meant = new HashSet<string>(StringComparer.Ordinal);
        foreach (var party in agreement.Parties)
        {
            if (party.Agency is { Length: > 0 } id && !agencies.ContainsKey(id) && Meant(id, agencies)?.Id is { } near) meant.Add(near);
        }
        return meant;
    }

    private static string Normalize(string s) =>
        string.Join(' ', s.Split([' ', '\t', '-', '_'], StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
