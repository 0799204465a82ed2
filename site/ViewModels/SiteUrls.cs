namespace DulaRegistry.Site.ViewModels;

/// <summary>Every URL the site writes, under one base URL (a path such as <c>/registry/</c> or an absolute URL).</summary>
public sealed record SiteUrls
{
    public SiteUrls(string? baseUrl) => Base = Normalize(baseUrl);

    /// <summary>The base URL with a leading and a trailing slash (or an absolute URL with a trailing slash).</summary>
    public string Base { get; }

    /// <summary>The path part of <see cref="Base"/>: <c>/registry/</c> for both <c>/registry/</c> and <c>https://host/registry/</c>.</summary>
    public string BasePath => Uri.TryCreate(Base, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsolutePath : Base;

    public string Home => Base;
    public string Agreements => Base + "agreements/";
    public string Agencies => Base + "agencies/";
    public string Graph => Base + "graph/";
    public string Search => Base + "search.json";
    public string AgreementsJson => Base + "agreements.json";
    public string AgreementsCsv => Base + "agreements.csv";
    public string Feed => Base + "feed.xml";
    public string Calendar => Base + "expirations.ics";
    public string Sitemap => Base + "sitemap.xml";
    public string AgencySchema => Base + "schema/agency.schema.json";
    public string AgreementSchema => Base + "schema/agreement.schema.json";

    public string Agreement(string id) => Agreements + Uri.EscapeDataString(id) + "/";
    public string Agency(string id) => Agencies + Uri.EscapeDataString(id) + "/";
    public string AgreementsYear(int year) => Agreements + "year/" + year.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";
    public string Asset(string path) => Base + "assets/" + path;

    /// <summary><c>/</c>, <c>registry</c>, <c>/registry</c> and <c>registry/</c> all become <c>/registry/</c>; absolute http(s) URLs keep their origin.</summary>
    public static string Normalize(string? baseUrl)
    {
        var value = (baseUrl ?? "").Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return value.EndsWith('/') ? value : value + "/";
        }
        value = value.Replace('\\', '/').Trim('/');
        while (value.Contains("//", StringComparison.Ordinal)) value = value.Replace("//", "/", StringComparison.Ordinal);
        return value.Length == 0 ? "/" : "/" + value + "/";
    }
}
