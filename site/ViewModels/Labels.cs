using DulaRegistry.Model;

namespace DulaRegistry.Site.ViewModels;

/// <summary>Labels for people of the model's enum values (the YAML names are for machines).</summary>
public static class Labels
{
    public static string Status(AgreementStatus status) => Cached<AgreementStatus>.Of(status).Label;

    public static Choice Of<T>(T? value) where T : struct, Enum => value is { } v ? Cached<T>.Of(v) : new Choice("", "—");

    public static Choice Of(Enum value)
    {
        var name = DulaRegistry.Loading.FrontMatterBinder.EnumName(value);
        var label = value switch
        {
            AgreementStatus.InReview => "In review",
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

    /// <summary>Each value's choice made once: every view of every agreement asks for its labels (strings and a boxed value
    /// each time, before).</summary>
    private static class Cached<T> where T : struct, Enum
    {
        private static readonly Dictionary<T, Choice> s_choices = Enum.GetValues<T>().ToDictionary(v => v, v => Labels.Of((Enum)v));

        public static Choice Of(T value) => s_choices.TryGetValue(value, out var choice) ? choice : Labels.Of((Enum)value);
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

    /// <summary>
    /// A term in words from the build's date: not started ("starts in 12 days"), running ("30 days left", "1 day left",
    /// "expires today") or ended ("expired 1 day ago"). Empty when nothing is known.
    /// </summary>
    public static string TermFromToday(int? daysLeft, int? daysToStart) => (daysToStart, daysLeft) switch
    {
        ( > 0, _) => $"starts in {Days(daysToStart.Value)}",
        (_, null) => "",
        (_, 0) => "expires today",
        (_, > 0) => $"{Days(daysLeft.Value)} left",
        _ => $"expired {Days(-daysLeft.Value)} ago",
    };

    private static string Days(int count) => count == 1 ? "1 day" : $"{count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} days";

    /// <summary>
    /// An agency's name with its acronym, "Department of Revenue (DOR)", or the name alone when there is no acronym or the
    /// acronym is the name ("MassHealth", not "MassHealth (MassHealth)").
    /// </summary>
    public static string AgencyDisplay(string name, string? acronym) =>
        string.IsNullOrWhiteSpace(acronym) || string.Equals(acronym.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)
            ? name
            : $"{name} ({acronym})";

    public static string Date(DateOnly? date) =>
        date is { } day ? s_dates.GetOrAdd(day, static d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) : "—";

    // Pages show the same few thousand dates again and again (effective, expiry, signature dates): each is formatted once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, string> s_dates = new();

    private static string Capitalize(string kebab)
    {
        var text = kebab.Replace('-', ' ');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
