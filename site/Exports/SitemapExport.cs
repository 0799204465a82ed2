using System.Xml;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary><c>sitemap.xml</c>: every page but 404.html, under the base URL, sorted.</summary>
public static class SitemapExport
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Writes the export to <paramref name="output"/> (left open).</summary>
    public static void Write(SiteModel site, IEnumerable<string> pagePaths, Stream output)
    {
        using (var writer = XmlWriter.Create(output, ExportText.XmlSettings()))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("urlset", Namespace);
            foreach (var path in pagePaths.Where(p => p != SiteUrls.NotFoundPath).Order(StringComparer.Ordinal))
            {
                writer.WriteStartElement("url", Namespace);
                writer.WriteElementString("loc", Namespace, site.Urls.OfPage(path));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        output.WriteByte((byte)'\n');
    }
}
