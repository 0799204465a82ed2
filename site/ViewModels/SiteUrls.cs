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
    /// <summary>The search index's manifest (site.js reads it first; see <c>Exports/SearchIndex.cs</c>).</summary>
    public string Search => Base + SearchManifestPath;
    public string AgreementsJson => Base + AgreementsJsonPath;
    public string AgreementsCsv => Base + AgreementsCsvPath;
    public string Feed => Base + FeedPath;
    public string Calendar => Base + CalendarPath;
    public string Sitemap => Base + SitemapPath;
    public string AgencySchema => Base + SchemaPath(DulaRegistry.Schema.SchemaGenerator.AgencyFile);
    public string AgreementSchema => Base + SchemaPath(DulaRegistry.Schema.SchemaGenerator.AgreementFile);

    // Output paths, relative to the site folder with forward slashes: the build writes files only at paths made here.
    public const string HomePath = "index.html";
    public const string AgenciesIndexPath = "agencies/index.html";
    public const string GraphPath = "graph/index.html";
    public const string NotFoundPath = "404.html";
    public const string AgreementsJsonPath = "agreements.json";
    public const string AgreementsCsvPath = "agreements.csv";
    public const string FeedPath = "feed.xml";
    public const string CalendarPath = "expirations.ics";
    public const string SitemapPath = "sitemap.xml";

    public static string AgreementPath(string id) => "agreements/" + id + "/index.html";
    public static string AgencyPath(string id) => "agencies/" + id + "/index.html";
    public static string SchemaPath(string file) => "schema/" + file;

    // The publish outputs (registry publish): output paths relative to the site, and their URLs.
    public const string VerifyPath = "verify/index.html";
    public const string ManifestPath = "registry.json";
    public const string SignaturePath = "registry.json.sig";
    public const string PublicKeyPath = "registry.pub.pem";
    public const string CheckpointPath = "log/checkpoint";

    public string Verify => Base + "verify/";
    public string Manifest => Base + ManifestPath;
    public string Signature => Base + SignaturePath;
    public string PublicKey => Base + PublicKeyPath;
    public string Checkpoint => Base + CheckpointPath;

    /// <summary>The inclusion proof of an executed agreement: <c>log/proofs/&lt;id&gt;.tlog-proof</c>.</summary>
    public static string ProofPath(string id) => "log/proofs/" + id + ".tlog-proof";

    /// <summary>The executed bytes of log entry <paramref name="index"/>: <c>log/entries/&lt;index&gt;.md</c>.</summary>
    public static string LogEntryPath(long index) => "log/entries/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".md";

    // The search index (Exports/SearchIndex.cs): a manifest and its chunks, below one folder.
    public const string SearchFolder = "search/";
    public const string SearchManifestPath = SearchFolder + "index.json";

    public static string SearchDocsPath(int chunk) => SearchFolder + "docs/" + chunk.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json";
    public static string SearchTermsPath(int chunk) => SearchFolder + "terms/" + chunk.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json";
    public static string SearchWordsPath(int length) => SearchFolder + "words/" + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json";

    public string Proof(string id) => Base + "log/proofs/" + Uri.EscapeDataString(id) + ".tlog-proof";
    public string LogEntry(long index) => Base + LogEntryPath(index);

    public string Agreement(string id) => Agreements + Uri.EscapeDataString(id) + "/";
    public string Agency(string id) => Agencies + Uri.EscapeDataString(id) + "/";
    public string AgreementsYear(int year) => Agreements + "year/" + year.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";

    /// <summary>Page <paramref name="page"/> (from 1) of the agreements listing, of one year or (null) of all: <c>agreements/[year/Y/][page/N/]</c>.</summary>
    public string AgreementsListing(int? year, int page) => Base + ListingFolder(year, page);

    /// <summary>The output path of <see cref="AgreementsListing"/>.</summary>
    public static string AgreementsListingPath(int? year, int page) => ListingFolder(year, page) + "index.html";

    private static string ListingFolder(int? year, int page) => "agreements/"
        + (year is { } y ? "year/" + y.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" : "")
        + (page > 1 ? "page/" + page.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" : "");
    /// <summary>The URL a page's output path is served at: <c>agreements/X/index.html</c> → <c>&lt;base&gt;agreements/X/</c>.</summary>
    public string OfPage(string path) => Base
        + (path == HomePath ? "" : path.EndsWith("/" + HomePath, StringComparison.Ordinal) ? path[..^HomePath.Length] : path);

    /// <summary>The URL of the asset at <paramref name="path"/> (relative to <c>assets/</c>, as the layout names it).</summary>
    public string Asset(string path) => Base + AssetPath(path);

    /// <summary>The output path of an asset: <c>assets/&lt;path&gt;</c>.</summary>
    public static string AssetPath(string path) => "assets/" + path;

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
