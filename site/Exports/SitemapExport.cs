using System.Globalization;
using System.Text;
using System.Xml;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary><c>sitemap.xml</c>: every page but 404.html, under the base URL, sorted.</summary>
public static class SitemapExport
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static string Write(SiteModel site, IEnumerable<string> pagePaths)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("urlset", Namespace);
            foreach (var path in pagePaths.Where(p => p != "404.html").Order(StringComparer.Ordinal))
            {
                writer.WriteStartElement("url", Namespace);
                writer.WriteElementString("loc", Namespace, site.Urls.Base + PageUrl(path));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }

    /// <summary><c>agreements/X/index.html</c> → <c>agreements/X/</c>.</summary>
    private static string PageUrl(string path) =>
        path == "index.html" ? "" : path.EndsWith("/index.html", StringComparison.Ordinal) ? path[..^"index.html".Length] : path;
}
