using DulaRegistry.Model;

namespace DulaRegistry.Site.ViewModels;

/// <summary>Labels for people of the model's enum values (the YAML names are for machines).</summary>
public static class Labels
{
    public static string Status(AgreementStatus status) => status switch
    {
        AgreementStatus.InReview => "In review",
        _ => Capitalize(DulaRegistry.Loading.FrontMatterBinder.EnumName(status)),
    };

    public static Choice Of<T>(T? value) where T : struct, Enum => value is { } v ? Of(v) : new Choice("", "—");

    public static Choice Of(Enum value)
    {
        var name = DulaRegistry.Loading.FrontMatterBinder.EnumName(value);
        var label = value switch
        {
            AgreementStatus s => Status(s),
            AgreementFramework.Mou => "MOU",
            AgreementFramework.Legacy => "Legacy",
            DataClassification.Pii => "PII",
            DataFrequency.OneTime => "One time",
            DataFrequency.OnRequest => "On request",
            AgencyKind.QuasiIndependent => "Quasi-independent",
            _ => Capitalize(name),
        };
        return new Choice(name, label);
    }

    /// <summary>Regulation ids as people write them: <c>hipaa</c> → HIPAA, <c>42-cfr-part-2</c> → 42 CFR Part 2.</summary>
    public static string Regulation(string id) => id switch
    {
        "hipaa" => "HIPAA",
        "ferpa" => "FERPA",
        "cjis" => "CJIS",
        "42-cfr-part-2" => "42 CFR Part 2",
        "irs-pub-1075" => "IRS Publication 1075",
        "ssa" => "SSA",
        "coppa" => "COPPA",
        "glba" => "GLBA",
        "dppa" => "DPPA",
        _ => id,
    };

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    private static string Capitalize(string kebab)
    {
        var text = kebab.Replace('-', ' ');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
