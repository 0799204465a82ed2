using System.Globalization;
using System.Net;
using System.Text;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Graph;

/// <summary>A node of the graph: an agency, its place on the circle and its secretariat group's marker.</summary>
public sealed record GraphNode(AgencyRef Agency, string GroupKey, string GroupName, GroupMarker Marker, double X, double Y, double Angle);

/// <summary>A secretariat group of the graph, for the legend: its marker as a small decorative SVG.</summary>
public sealed record GraphGroup(string Key, string Name, GroupMarker Marker, int Count)
{
    public string Color => Marker.Color;
    public string LegendSymbol => GraphPalette.LegendSymbol(Marker);
}

/// <summary>The data-flow graph drawn at build time: the SVG markup (every text HTML-encoded) and its legend.</summary>
public sealed record FlowGraphView(string Svg, IReadOnlyList<GraphGroup> Groups, int NodeCount, int EdgeCount);

/// <summary>
/// Draws the inter-agency network as SVG: agencies on a circle, grouped by secretariat (an arc, a colour and a shape per
/// group), executed flows as curved arrows through the middle, thicker for more agreements. The SVG is drawn at its
/// natural size (12 px labels stay 12 px; the page scrolls sideways when it is wider than the column), the ring grows
/// with the number of agencies, and labels are placed so that none overlaps another (<see cref="LabelLayout"/>). Each
/// agency is a link with an accessible name; focusing or hovering it highlights its flows (site.js, site.css).
/// </summary>
public static class FlowGraph
{
    public const double FontSize = 13;
    private const double NodeRadius = 7;
    private const double Margin = 12;

    public static FlowGraphView Build(SiteModel site)
    {
        var groups = site.SecretariatGroups.Select((g, i) => new GraphGroup(
            g.Key, g.Heading, GraphPalette.For(i), g.Agencies.Count + (g.Secretariat is null ? 0 : 1))).ToList();
        var ordered = site.SecretariatGroups.SelectMany((g, i) =>
            (g.Secretariat is { } s ? g.Agencies.Prepend(s) : g.Agencies).Select(a => (Agency: a, Group: groups[i]))).ToList();

        var n = ordered.Count;
        var slots = Math.Max(1, n + groups.Count(g => g.Count > 0));
        // About 30 units of ring per agency: labels at the sides stack without touching, and the few near the top and
        // bottom that would touch their neighbours step outward. Grown further only if some label finds no room.
        var radius = Math.Max(150.0, slots * 30.0 / (2 * Math.PI));
        List<GraphNode> nodes;
        IReadOnlyList<PlacedLabel>? labels;
        while (true)
        {
            nodes = Ring(ordered, slots, radius);
            labels = LabelLayout.Place(nodes.Select(x => (x.X, x.Y, x.Angle, x.Agency.Short)).ToList(), NodeRadius + 2, FontSize);
            if (labels is not null) break;
            radius *= 1.15;
        }

        // The picture's extent: the ring and every label, with a margin; the ring's centre is (0, 0).
        var bounds = labels.Select(l => l.Box).Append(new Box(-radius - NodeRadius, -radius - NodeRadius, radius + NodeRadius, radius + NodeRadius))
            .Aggregate((a, b) => new Box(Math.Min(a.Left, b.Left), Math.Min(a.Top, b.Top), Math.Max(a.Right, b.Right), Math.Max(a.Bottom, b.Bottom)));
        var left = Math.Floor(bounds.Left - Margin);
        var top = Math.Floor(bounds.Top - Margin);
        var width = Math.Ceiling(bounds.Right + Margin) - left;
        var height = Math.Ceiling(bounds.Bottom + Margin) - top;

        var nodeById = nodes.ToDictionary(x => x.Agency.Id, StringComparer.Ordinal);
        var maxCount = site.Flows.Count == 0 ? 1 : site.Flows.Max(f => f.Count);
        var sends = site.Flows.GroupBy(f => f.From.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var receives = site.Flows.GroupBy(f => f.To.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"flow-graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{F(left)} {F(top)} {F(width)} {F(height)}\" width=\"{F(width)}\" height=\"{F(height)}\" role=\"group\" aria-labelledby=\"graph-title graph-desc\">");
        svg.Append("<title id=\"graph-title\">Data flows between agencies</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"graph-desc\">{E($"{nodes.Count} agencies on a circle, grouped by secretariat, and {site.Flows.Count} executed data flows between them drawn as arrows from the data owner to the recipient. Focus an agency to highlight its flows. The table below lists the same flows.")}</desc>");
        svg.Append("<defs>");
        svg.Append("<marker id=\"graph-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"11\" markerHeight=\"11\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1b1b1b\"/></marker>");
        svg.Append("<marker id=\"graph-arrow-highlight\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"14\" markerHeight=\"14\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#000000\"/></marker>");
        svg.Append("</defs>");

        // Group arcs, just inside the ring of nodes.
        svg.Append("<g class=\"flow-graph__groups\" aria-hidden=\"true\">");
        foreach (var group in groups)
        {
            var members = nodes.Where(x => x.GroupKey == group.Key).ToList();
            if (members.Count == 0) continue;
            var arcRadius = radius - 16;
            var start = members[0].Angle - Math.PI / slots * 0.8;
            var end = members[^1].Angle + Math.PI / slots * 0.8;
            var large = end - start > Math.PI ? 1 : 0;
            svg.Append(CultureInfo.InvariantCulture,
                $"<path d=\"M{F(arcRadius * Math.Cos(start))},{F(arcRadius * Math.Sin(start))} A{F(arcRadius)},{F(arcRadius)} 0 {large} 1 {F(arcRadius * Math.Cos(end))},{F(arcRadius * Math.Sin(end))}\" fill=\"none\" stroke=\"{group.Color}\" stroke-width=\"4\" stroke-linecap=\"round\"/>");
        }
        svg.Append("</g>");

        // Edges: a quadratic curve through the middle, ending with an arrowhead at the recipient's symbol.
        svg.Append("<g class=\"flow-graph__edges\" fill=\"none\" aria-hidden=\"true\">");
        foreach (var flow in site.Flows)
        {
            if (!nodeById.TryGetValue(flow.From.Id, out var from) || !nodeById.TryGetValue(flow.To.Id, out var to) || from == to) continue;
            var cx = (from.X + to.X) * 0.2;
            var cy = (from.Y + to.Y) * 0.2;
            var (x1, y1) = Toward(from.X, from.Y, cx, cy, NodeRadius + 2);
            var (x2, y2) = Toward(to.X, to.Y, cx, cy, NodeRadius + 3);
            var stroke = 1.2 + 3.0 * (flow.Count - 1) / Math.Max(1, maxCount - 1);
            var label = $"{flow.From.Short} to {flow.To.Short}: {Count(flow.Count)}";
            svg.Append(CultureInfo.InvariantCulture,
                $"<path class=\"flow-graph__edge\" data-from=\"{E(from.Agency.Id)}\" data-to=\"{E(to.Agency.Id)}\" d=\"M{F(x1)},{F(y1)} Q{F(cx)},{F(cy)} {F(x2)},{F(y2)}\" stroke=\"{from.Marker.Color}\" stroke-width=\"{F(stroke)}\" marker-end=\"url(#graph-arrow)\"><title>{E(label)}</title></path>");
        }
        svg.Append("</g>");

        // Labels pushed away from their node get a thin leader line back to it.
        svg.Append("<g class=\"flow-graph__leaders\" stroke=\"#6b6b6b\" stroke-width=\"1\" aria-hidden=\"true\">");
        for (var i = 0; i < nodes.Count; i++)
        {
            if (labels[i].Offset <= 0) continue;
            var (x1, y1) = Toward(nodes[i].X, nodes[i].Y, labels[i].X, labels[i].Y, NodeRadius + 2);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x1)}\" y1=\"{F(y1)}\" x2=\"{F(labels[i].X)}\" y2=\"{F(labels[i].Y)}\"/>");
        }
        svg.Append("</g>");

        // Nodes: each a link to the agency's page, named for screen readers with what it sends and receives.
        svg.Append("<g class=\"flow-graph__nodes\">");
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var label = labels[i];
            // The name starts with the visible label (WCAG 2.5.3, label in name), then says who it is and what it does.
            var who = node.Agency.Display == node.Agency.Short ? "" : $" ({node.Agency.Display})";
            var name = $"{node.Agency.Short}{who}, {node.GroupName}: sends data to {Agencies(sends.GetValueOrDefault(node.Agency.Id))}, receives data from {Agencies(receives.GetValueOrDefault(node.Agency.Id))}";
            var href = node.Agency.Url is { } url ? $" href=\"{E(url)}\"" : "";
            svg.Append(CultureInfo.InvariantCulture,
                $"<a class=\"flow-graph__node\"{href} tabindex=\"0\" data-agency=\"{E(node.Agency.Id)}\" data-group=\"{E(node.GroupKey)}\" aria-label=\"{E(name)}\">");
            svg.Append(GraphPalette.Symbol(node.Marker, node.X, node.Y, NodeRadius, " class=\"flow-graph__symbol\""));
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{F(label.X)}\" y=\"{F(label.Baseline)}\" text-anchor=\"{label.Anchor}\" font-size=\"{F(FontSize)}\" font-family=\"sans-serif\" fill=\"#1b1b1b\">{E(node.Agency.Short)}</text></a>");
        }
        svg.Append("</g></svg>");

        return new FlowGraphView(svg.ToString(), groups, nodes.Count, site.Flows.Count);
    }

    /// <summary>The agencies on a ring of <paramref name="radius"/> around (0, 0), from the top clockwise, a gap between groups.</summary>
    private static List<GraphNode> Ring(List<(AgencyView Agency, GraphGroup Group)> ordered, int slots, double radius)
    {
        var nodes = new List<GraphNode>(ordered.Count);
        var slot = 0;
        string? previousGroup = null;
        foreach (var (agency, group) in ordered)
        {
            if (previousGroup is not null && previousGroup != group.Key) slot++;
            previousGroup = group.Key;
            var angle = -Math.PI / 2 + 2 * Math.PI * slot / slots;
            nodes.Add(new GraphNode(agency.Ref, group.Key, group.Name, group.Marker, radius * Math.Cos(angle), radius * Math.Sin(angle), angle));
            slot++;
        }
        return nodes;
    }

    private static (double X, double Y) Toward(double x, double y, double tx, double ty, double distance)
    {
        var dx = tx - x;
        var dy = ty - y;
        var length = Math.Sqrt(dx * dx + dy * dy);
        return length < 1e-9 ? (x, y) : (x + dx / length * distance, y + dy / length * distance);
    }

    private static string Count(int n) => n == 1 ? "1 agreement" : $"{n} agreements";

    private static string Agencies(int n) => n switch { 0 => "no agency", 1 => "1 agency", _ => $"{n} agencies" };

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(DulaRegistry.Site.Rendering.OutputText.Clean(text));
}
