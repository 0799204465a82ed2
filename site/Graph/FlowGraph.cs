using System.Globalization;
using System.Net;
using System.Text;
using DulaRegistry.Site.ViewModels;

namespace DulaRegistry.Site.Graph;

/// <summary>A node of the graph: an agency, its place on the circle and its secretariat group's colour.</summary>
public sealed record GraphNode(AgencyRef Agency, string GroupKey, string GroupName, string Color, double X, double Y, double Angle);

/// <summary>A secretariat group of the graph, for the legend.</summary>
public sealed record GraphGroup(string Key, string Name, string Color, int Count);

/// <summary>The data-flow graph drawn at build time: the SVG markup (every text HTML-encoded) and its legend.</summary>
public sealed record FlowGraphView(string Svg, IReadOnlyList<GraphGroup> Groups, int NodeCount, int EdgeCount);

/// <summary>
/// Draws the inter-agency network as SVG: agencies on a circle, grouped by secretariat (an arc and a colour
/// per group), executed flows as curved arrows through the middle, thicker for more agreements.
/// </summary>
public static class FlowGraph
{
    /// <summary>Colours with at least 3:1 contrast against white (WCAG 1.4.11), one per secretariat group, in turn.</summary>
    private static readonly string[] s_palette =
    [
        "#14558f", "#2e7d32", "#b3401a", "#6a3d9a", "#00747a", "#a0285a",
        "#5e5e00", "#8b4513", "#1f3a93", "#555555", "#7a1fa2", "#006d5b",
    ];

    public static FlowGraphView Build(SiteModel site)
    {
        var groups = site.SecretariatGroups.Select((g, i) => new GraphGroup(
            g.Key, g.Heading, s_palette[i % s_palette.Length], g.Agencies.Count + (g.Secretariat is null ? 0 : 1))).ToList();
        var ordered = site.SecretariatGroups.SelectMany((g, i) =>
            (g.Secretariat is { } s ? g.Agencies.Prepend(s) : g.Agencies).Select(a => (Agency: a, Group: groups[i]))).ToList();

        var n = ordered.Count;
        var slots = Math.Max(1, n + groups.Count(g => g.Count > 0));
        var radius = Math.Max(200.0, n * 9.0);
        const double labelMargin = 90;
        var size = 2 * (radius + labelMargin);
        var center = size / 2;
        var nodeRadius = 7.0;

        var nodes = new List<GraphNode>(n);
        var slot = 0;
        string? previousGroup = null;
        foreach (var (agency, group) in ordered)
        {
            if (previousGroup is not null && previousGroup != group.Key) slot++; // a gap between groups
            previousGroup = group.Key;
            var angle = -Math.PI / 2 + 2 * Math.PI * slot / slots;
            nodes.Add(new GraphNode(agency.Ref, group.Key, group.Name, group.Color,
                center + radius * Math.Cos(angle), center + radius * Math.Sin(angle), angle));
            slot++;
        }
        var nodeById = nodes.ToDictionary(x => x.Agency.Id, StringComparer.Ordinal);
        var maxCount = site.Flows.Count == 0 ? 1 : site.Flows.Max(f => f.Count);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"flow-graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(size)} {F(size)}\" role=\"img\" aria-labelledby=\"graph-title graph-desc\">");
        svg.Append("<title id=\"graph-title\">Data flows between agencies</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"graph-desc\">{E($"{nodes.Count} agencies on a circle, grouped by secretariat, and {site.Flows.Count} executed data flows between them drawn as arrows from the data owner to the recipient. The table below lists the same flows.")}</desc>");
        svg.Append("<defs><marker id=\"graph-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#404040\"/></marker></defs>");

        // Group arcs, just inside the ring of nodes.
        svg.Append("<g class=\"flow-graph__groups\">");
        foreach (var group in groups)
        {
            var members = nodes.Where(x => x.GroupKey == group.Key).ToList();
            if (members.Count == 0) continue;
            var arcRadius = radius - 16;
            var start = members[0].Angle - Math.PI / slots * 0.8;
            var end = members[^1].Angle + Math.PI / slots * 0.8;
            var large = end - start > Math.PI ? 1 : 0;
            svg.Append(CultureInfo.InvariantCulture,
                $"<path d=\"M{F(center + arcRadius * Math.Cos(start))},{F(center + arcRadius * Math.Sin(start))} A{F(arcRadius)},{F(arcRadius)} 0 {large} 1 {F(center + arcRadius * Math.Cos(end))},{F(center + arcRadius * Math.Sin(end))}\" fill=\"none\" stroke=\"{group.Color}\" stroke-width=\"4\" stroke-linecap=\"round\"><title>{E(group.Name)}</title></path>");
        }
        svg.Append("</g>");

        // Edges: a quadratic curve through the middle, ending at the recipient's circle.
        svg.Append("<g class=\"flow-graph__edges\" fill=\"none\">");
        foreach (var flow in site.Flows)
        {
            if (!nodeById.TryGetValue(flow.From.Id, out var from) || !nodeById.TryGetValue(flow.To.Id, out var to) || from == to) continue;
            var cx = center + (from.X + to.X - 2 * center) * 0.2;
            var cy = center + (from.Y + to.Y - 2 * center) * 0.2;
            var (x1, y1) = Toward(from.X, from.Y, cx, cy, nodeRadius + 1);
            var (x2, y2) = Toward(to.X, to.Y, cx, cy, nodeRadius + 3);
            var width = 1.2 + 3.0 * (flow.Count - 1) / Math.Max(1, maxCount - 1);
            var label = $"{flow.From.Short} to {flow.To.Short}: {Count(flow.Count)}";
            svg.Append(CultureInfo.InvariantCulture,
                $"<path d=\"M{F(x1)},{F(y1)} Q{F(cx)},{F(cy)} {F(x2)},{F(y2)}\" stroke=\"{from.Color}\" stroke-opacity=\"0.7\" stroke-width=\"{F(width)}\" marker-end=\"url(#graph-arrow)\"><title>{E(label)}</title></path>");
        }
        svg.Append("</g>");

        // Nodes and labels: labels outside the ring, anchored away from the middle.
        svg.Append("<g class=\"flow-graph__nodes\">");
        foreach (var node in nodes)
        {
            var lx = center + (radius + nodeRadius + 6) * Math.Cos(node.Angle);
            var ly = center + (radius + nodeRadius + 6) * Math.Sin(node.Angle);
            var cos = Math.Cos(node.Angle);
            var anchor = Math.Abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end";
            var dy = Math.Sin(node.Angle) > 0.8 ? 10 : Math.Sin(node.Angle) < -0.8 ? -2 : 4;
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"flow-graph__node\"><title>{E(node.Agency.Display)} ({E(node.GroupName)})</title><circle cx=\"{F(node.X)}\" cy=\"{F(node.Y)}\" r=\"{F(nodeRadius)}\" fill=\"{node.Color}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/><text x=\"{F(lx)}\" y=\"{F(ly + dy)}\" text-anchor=\"{anchor}\" font-size=\"12\" font-family=\"sans-serif\" fill=\"#1b1b1b\">{E(node.Agency.Short)}</text></g>");
        }
        svg.Append("</g></svg>");

        return new FlowGraphView(svg.ToString(), groups, nodes.Count, site.Flows.Count);
    }

    private static (double X, double Y) Toward(double x, double y, double tx, double ty, double distance)
    {
        var dx = tx - x;
        var dy = ty - y;
        var length = Math.Sqrt(dx * dx + dy * dy);
        return length < 1e-9 ? (x, y) : (x + dx / length * distance, y + dy / length * distance);
    }

    private static string Count(int n) => n == 1 ? "1 agreement" : $"{n} agreements";

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(DulaRegistry.Site.Rendering.OutputText.Clean(text));
}
