using System.Globalization;
using System.Text;
using System.Xml;
using DulaRegistry.Site.Rendering;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Exports;

/// <summary><c>feed.xml</c> (Atom, RFC 4287): the executed agreements, newest execution first.</summary>
public static class AtomFeed
{
    public const string Namespace = "http://www.w3.org/2005/Atom";

    /// <summary>Writes the export to <paramref name="output"/> (left open).</summary>
    public static void Write(SiteModel site, Stream output)
    {
        var entries = site.Executed;
        var updated = entries.Select(a => a.ExecutedOn ?? a.Term.Effective).Max() ?? site.Today;
        using (var writer = XmlWriter.Create(output, ExportText.XmlSettings()))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("feed", Namespace);
            var urn = Urn(site);
            writer.WriteElementString("id", Namespace, urn is null ? site.Urls.Feed : urn + "feed");
            writer.WriteElementString("title", Namespace, OutputText.Clean($"{site.Name}: executed agreements"));
            writer.WriteElementString("updated", Namespace, Timestamp(updated));
            Link(writer, site.Urls.Feed, "self", "application/atom+xml");
            Link(writer, site.Urls.Home, "alternate", "text/html");
            writer.WriteStartElement("author", Namespace);
            writer.WriteElementString("name", Namespace, OutputText.Clean(site.Name));
            writer.WriteEndElement();
            foreach (var a in entries)
            {
                writer.WriteStartElement("entry", Namespace);
                writer.WriteElementString("id", Namespace, urn is null ? site.Urls.Agreement(a.Id) : urn + "agreement:" + a.Id);
                writer.WriteElementString("title", Namespace, OutputText.Clean($"{a.Id}: {a.Title}"));
                writer.WriteElementString("updated", Namespace, Timestamp(a.ExecutedOn ?? a.Term.Effective ?? site.Today));
                Link(writer, a.Url, "alternate", "text/html");
                var parties = string.Join(", ", a.Parties.Select(p => p.Agency.Short));
                var term = a.Term.Expires is { } expires ? $" In force until {Labels.Date(expires)}." : "";
                writer.WriteElementString("summary", Namespace, OutputText.Clean($"Executed by {parties}. {a.Purpose}{term}".Trim()));
                foreach (var party in a.AgencyIds)
                {
                    writer.WriteStartElement("category", Namespace);
                    writer.WriteAttributeString("term", OutputText.Clean(party));
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        output.WriteByte((byte)'\n');
    }

    /// <summary>
    /// Ids are absolute URLs when the base URL is one (null here), otherwise stable URNs starting with what this returns
    /// (computed once: the slug is the same for every entry).
    /// </summary>
    private static string? Urn(SiteModel site) =>
        site.Urls.Base.StartsWith("http", StringComparison.Ordinal) ? null : $"urn:dula-registry:{Slug(site.Name)}:";

    private static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().Trim('-');
    }

    private static void Link(XmlWriter writer, string href, string rel, string type)
    {
        writer.WriteStartElement("link", Namespace);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("type", type);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }

    private static string Timestamp(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";
}
